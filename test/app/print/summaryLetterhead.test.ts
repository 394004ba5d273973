/** The summary report's letterhead starts from the staff's node: its names, its parent's, its province's. */
import { describe, expect, it } from 'vitest';
import { summaryLetterheadOf } from '../../../src/app/print/summaryLetterhead';
import type { NodeSummary } from '../../../src/domain/organisation';

const province: NodeSummary = { id: 'p', kind: 'province', name: 'Liên đoàn Lao động tỉnh Tây Ninh', shortName: 'LĐLĐ tỉnh Tây Ninh', code: null };
const ward: NodeSummary = { id: 'w', kind: 'upper_commune', name: 'Công đoàn phường Tân Ninh', shortName: 'CĐ phường Tân Ninh', code: 'TN' };

describe('the summary letterhead of a node', () => {
  it('is issued by the node, headed by its parent, dated at its province; the rest left to fill', () => {
    expect(summaryLetterheadOf(ward, [province])).toEqual({
      superiorName: 'Liên đoàn Lao động tỉnh Tây Ninh',
      issuerName: 'Công đoàn phường Tân Ninh',
      shortName: 'CĐ phường Tân Ninh',
      number: '',
      date: '',
      placeName: 'Tây Ninh',
      signerName: '',
      signerTitle: '',
    });
  });

  it('names the confederation above a province, and no place a tree’s names do not give', () => {
    expect(summaryLetterheadOf(province, [])).toMatchObject({
      superiorName: 'Tổng Liên đoàn Lao động Việt Nam',
      issuerName: 'Liên đoàn Lao động tỉnh Tây Ninh',
      shortName: 'LĐLĐ tỉnh Tây Ninh',
      placeName: 'Tây Ninh',
    });
    const sector: NodeSummary = { id: 's', kind: 'central_sector', name: 'Công đoàn Điện lực Việt Nam', shortName: '', code: null };
    expect(summaryLetterheadOf(sector, [])).toMatchObject({ superiorName: 'Tổng Liên đoàn Lao động Việt Nam', shortName: '', placeName: '' });
  });
});
