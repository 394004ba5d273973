/** Texts of a report's history of review decisions, Vietnamese first. */
import type { DecisionStatus } from '../../../domain/sync';
import type { Language } from '../../i18n';

const vi = {
  title: 'Lịch sử quyết định',
  none: 'Chưa có quyết định nào về báo cáo này.',
  columns: { decidedAt: 'Thời gian', status: 'Quyết định', revision: 'Bản', decidedBy: 'Người quyết định', comment: 'Nhận xét' },
  status: { accepted: 'Chấp nhận', returned: 'Trả lại', withdrawn: 'Rút lại việc chấp nhận' } satisfies Record<DecisionStatus, string>,
  revision: (revision: string) => `Bản ${revision}`,
  revisionUnknown: '—',
  byCommandLine: 'Quản trị hệ thống',
  /** Decisions carried over from before the server kept every one: their author was never stored. */
  byUnknown: 'Không rõ (ghi nhận trước khi lưu lịch sử)',
  noComment: '—',
};

export type DecisionMessages = typeof vi;

const en: DecisionMessages = {
  title: 'Decision history',
  none: 'No decision on this report yet.',
  columns: { decidedAt: 'When', status: 'Decision', revision: 'Revision', decidedBy: 'Decided by', comment: 'Comment' },
  status: { accepted: 'Accepted', returned: 'Returned', withdrawn: 'Acceptance withdrawn' },
  revision: (revision) => `Revision ${revision}`,
  revisionUnknown: '—',
  byCommandLine: 'System administrator',
  byUnknown: 'Unknown (recorded before the history was kept)',
  noComment: '—',
};

export function decisionMessages(language: Language): DecisionMessages {
  return language === 'en' ? en : vi;
}
