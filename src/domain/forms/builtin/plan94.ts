/**
 * Today's yearly report (Plan 94/KH-LĐLĐ, sections II and III; `report.ts`, `reportSchema.ts`,
 * `validation.ts`) described as the built-in form "Kế hoạch 94/KH-LĐLĐ (2021–2025)". Every field of
 * today's `ReportDocument` that holds a figure or a text is one row here or belongs to a built-in block,
 * and the tables below say which (test/domain/forms/builtin/plan94.test.ts holds them to that), so a stored
 * report, a backup and a printed report keep working unchanged when the app fills reports by form.
 *
 * Labels and section titles are the editor's own (src/app/i18n/messages.ts), so the form looks the same.
 */
import type { ReportDocument } from '../../report';
import { MEMBERSHIP_FIGURE_FIELDS } from '../../reportFigures';
import type { BuiltinBlock, FormDefinition, FormRow, FormValues } from '../definition';

const count = (code: string, label: string, extra: Partial<FormRow> = {}): FormRow => ({
  code,
  label,
  kind: 'count',
  required: false,
  rollUp: { kind: 'sum' },
  rules: [],
  ...extra,
});
const longText = (code: string, label: string): FormRow => ({ code, label, kind: 'longText', required: false, rollUp: { kind: 'none' }, rules: [] });

export const PLAN94_FORM: FormDefinition = {
  id: 'ke-hoach-94',
  version: 1,
  title: 'Kế hoạch 94/KH-LĐLĐ (2021–2025)',
  basis: 'Kế hoạch số 94/KH-LĐLĐ, mục II và III',
  status: 'published',
  sections: [
    { kind: 'block', title: 'Đoàn viên và lao động', block: 'membership' },
    { kind: 'block', title: 'Đối thoại, tiếp xúc', block: 'dialogues' },
    {
      kind: 'rows',
      title: 'Tuyên truyền',
      rows: [count('TUYEN_TRUYEN_BUOI', 'Số buổi tuyên truyền, quán triệt'), count('TUYEN_TRUYEN_LUOT', 'Số lượt người tham dự')],
    },
    {
      kind: 'rows',
      title: 'Học tập và làm theo Bác',
      rows: [
        count('HOC_TAP_HOAT_DONG', 'Số hoạt động học tập và làm theo'),
        count('HOC_TAP_KHEN_THUONG', 'Số tập thể, cá nhân được khen thưởng'),
        longText('HOC_TAP_KET_QUA', 'Kết quả nổi bật'),
      ],
    },
    { kind: 'rows', title: 'Đào tạo cán bộ', rows: [count('CAN_BO_DAO_TAO', 'Số cán bộ công đoàn được đào tạo, bồi dưỡng')] },
    {
      kind: 'rows',
      title: 'Giới thiệu đoàn viên cho Đảng',
      rows: [
        count('DANG_GIOI_THIEU', 'Số đoàn viên ưu tú giới thiệu cho Đảng'),
        count('DANG_KET_NAP', 'Số được kết nạp Đảng', {
          // A warning, not an error: someone introduced in an earlier year may be admitted this year.
          rules: [{ operator: '<=', other: 'DANG_GIOI_THIEU', severity: 'warning' }],
          ruleExplanation: 'Số được kết nạp Đảng nhiều hơn số được giới thiệu. Nếu có người được giới thiệu từ kỳ trước, hãy giải thích.',
        }),
      ],
    },
    {
      kind: 'rows',
      title: 'Kiểm tra, giám sát',
      rows: [
        count('KIEM_TRA', 'Số cuộc kiểm tra'),
        count('GIAM_SAT', 'Số cuộc giám sát'),
        count('PCTN_BUOI', 'Số buổi tuyên truyền phòng, chống tham nhũng, lãng phí'),
        count('DON_NHAN', 'Số đơn khiếu nại, tố cáo nhận được'),
        count('DON_GIAI_QUYET', 'Số đơn đã giải quyết', {
          rules: [{ operator: '<=', other: 'DON_NHAN', severity: 'error' }],
          ruleExplanation: 'Số đơn đã giải quyết lớn hơn số đơn nhận được.',
        }),
      ],
    },
    {
      kind: 'rows',
      title: 'Dân chủ cơ sở',
      rows: [
        { code: 'HNNLD_DA_TO_CHUC', label: 'Đã tổ chức hội nghị người lao động?', kind: 'yesNo', required: false, rollUp: { kind: 'countYes' }, rules: [] },
        { code: 'HNNLD_NGAY', label: 'Ngày tổ chức hội nghị', kind: 'date', required: false, requiredIf: 'HNNLD_DA_TO_CHUC', rollUp: { kind: 'none' }, rules: [] },
      ],
    },
    { kind: 'rows', title: 'Cải cách hành chính', rows: [longText('CCHC', 'Cải cách hành chính, ứng dụng công nghệ thông tin')] },
    { kind: 'rows', title: 'Kiến nghị, đề xuất', rows: [longText('KIEN_NGHI', 'Kiến nghị, đề xuất với công đoàn cấp trên')] },
  ],
};

/** Row code → the field of today's document that holds its value. */
export const PLAN94_ROW_FIELDS = {
  TUYEN_TRUYEN_BUOI: 'dissemination.sessions',
  TUYEN_TRUYEN_LUOT: 'dissemination.attendance',
  HOC_TAP_HOAT_DONG: 'studyAndFollow.activities',
  HOC_TAP_KHEN_THUONG: 'studyAndFollow.commendations',
  HOC_TAP_KET_QUA: 'studyAndFollow.notes',
  CAN_BO_DAO_TAO: 'officerTraining.officersTrained',
  DANG_GIOI_THIEU: 'partyDevelopment.introduced',
  DANG_KET_NAP: 'partyDevelopment.admitted',
  KIEM_TRA: 'inspection.inspections',
  GIAM_SAT: 'inspection.supervisions',
  PCTN_BUOI: 'inspection.antiCorruptionSessions',
  DON_NHAN: 'inspection.complaintsReceived',
  DON_GIAI_QUYET: 'inspection.complaintsResolved',
  HNNLD_DA_TO_CHUC: 'grassrootsDemocracy.workersConferenceHeld',
  HNNLD_NGAY: 'grassrootsDemocracy.workersConferenceDate',
  CCHC: 'administrativeReform.notes',
  KIEN_NGHI: 'proposals.text',
} as const;

/** Row code → the field that holds the officer's explanation of that row's warning. */
export const PLAN94_EXPLANATION_FIELDS = { DANG_KET_NAP: 'explanations.partyAdmission' } as const;

/**
 * The fields the built-in blocks keep as today: the membership block holds the membership figures,
 * the 80 % indicator and the 20 % jump of the member count with its explanation; the dialogue block
 * holds the sessions' table.
 */
export const PLAN94_BLOCK_FIELDS: Record<BuiltinBlock, readonly string[]> = {
  membership: [...MEMBERSHIP_FIGURE_FIELDS, 'explanations.memberChange'],
  dialogues: ['dialogues'],
};

/**
 * What every report carries whatever its form, so no row or block holds it: its identity, period and
 * status, when it was written, and the number and date it carries as an official document.
 */
export const REPORT_ENVELOPE_FIELDS = ['id', 'period', 'status', 'issuance.number', 'issuance.date', 'createdAt', 'updatedAt'] as const;

function fieldOf(document: ReportDocument, path: string): unknown {
  const [section, field] = path.split('.') as [string, string];
  return (document as unknown as Record<string, Record<string, unknown>>)[section]?.[field];
}

/** A stored Plan 94 report's rows as form values (the blocks keep reading the document itself). */
export function plan94Values(document: ReportDocument): FormValues {
  return Object.fromEntries(
    Object.entries(PLAN94_ROW_FIELDS).map(([code, path]) => {
      const value = fieldOf(document, path);
      return [code, typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' ? value : null];
    }),
  );
}

/** A stored Plan 94 report's explanations by row code. */
export function plan94Explanations(document: ReportDocument): Record<string, string> {
  return Object.fromEntries(Object.entries(PLAN94_EXPLANATION_FIELDS).map(([code, path]) => [code, String(fieldOf(document, path) ?? '')]));
}
