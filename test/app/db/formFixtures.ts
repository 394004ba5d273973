import type { FormDefinition } from '../../../src/domain/forms/definition';

/** A province's own form: a row of its own and today's membership block. */
export const PROVINCE_FORM: FormDefinition = {
  id: 'bao-cao-quy-tinh',
  version: 2,
  title: 'Báo cáo quý của tỉnh',
  status: 'published',
  sections: [
    { kind: 'block', title: 'Đoàn viên', block: 'membership' },
    {
      kind: 'rows',
      title: 'Hoạt động',
      rows: [{ code: 'SO_BUOI', number: '1', label: 'Số buổi sinh hoạt', unit: 'buổi', kind: 'count', required: true, rollUp: { kind: 'sum' }, rules: [] }],
    },
  ],
};
