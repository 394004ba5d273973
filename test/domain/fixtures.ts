/**
 * Reports, profiles, rounds and sync states as the app holds them: the one place for the domain's
 * and the app's tests (the browser tests' printed report included).
 */
import { emptyReport, type DialogueSession, type ReportDocument, type UnionProfile } from '../../src/domain/report';
import type { ReportingRound } from '../../src/domain/round';
import { neverSynced, type ApiError, type LocalReportSync, type ServerReport } from '../../src/domain/sync';

export const REPORT_ID = '4c0e3a43-6a0e-4d55-8b8e-0f3c2b7d9a11';
export const FILLED_REPORT_ID = '7d4f0c52-9a3b-4c1e-8f2a-5b6c7d8e9f01';
export const MANY_SESSIONS_REPORT_ID = '2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** A 2024 yearly report with the figures every rule needs filled in and consistent. */
export function validReport(overrides: (report: ReportDocument) => void = () => {}): ReportDocument {
  const report = emptyReport(REPORT_ID, { year: 2024, kind: 'yearly' }, '2024-03-01T08:00:00.000Z');
  report.membership.workers = 1234;
  report.membership.members = 1053;
  report.membership.femaleMembers = 600;
  report.membership.newMembers = 40;
  overrides(report);
  return report;
}

/** One dialogue session, filled in. */
export function session(overrides: Partial<DialogueSession> = {}): DialogueSession {
  return {
    id: 's1',
    date: '2024-05-01',
    kind: 'workplace',
    ledBy: 'Giám đốc công ty',
    participants: 45,
    recommendationsRaised: 6,
    recommendationsResolved: 4,
    notes: '',
    ...overrides,
  };
}

/** A profile as a real CĐCS fills it, every printed detail given. */
export function fullProfile(overrides: Partial<UnionProfile> = {}): UnionProfile {
  return {
    unionName: 'Công đoàn cơ sở Công ty TNHH May Tây Ninh',
    employer: 'Công ty TNHH May Tây Ninh',
    sector: 'private',
    commune: 'xã Cầu Khởi',
    province: 'tỉnh Tây Ninh',
    // Typed in a build before the 2025 reform, kept on the phone and in its backups, never printed.
    district: 'Dương Minh Châu',
    superiorName: 'Công đoàn các Khu công nghiệp tỉnh Tây Ninh',
    shortName: 'CĐCS',
    placeName: 'Tây Ninh',
    signerName: 'Nguyễn Thị Hồng Nhung',
    signerTitle: 'Chủ tịch',
    recipients: 'Ban Thường vụ Đảng ủy Công ty;\nBan Giám đốc Công ty',
    ...overrides,
  };
}

/** The `index`-th of many sessions (month, day, kind and numbers vary with it). */
export function numberedSession(index: number, overrides: Partial<DialogueSession> = {}): DialogueSession {
  const month = String((index % 12) + 1).padStart(2, '0');
  const day = String((index % 28) + 1).padStart(2, '0');
  return session({
    id: `session-${index + 1}`,
    date: `2025-${month}-${day}`,
    kind: index % 3 === 0 ? 'workplace' : index % 3 === 1 ? 'partyGovernmentLeaders' : 'workersConference',
    ledBy: `Chủ trì ${index + 1}`,
    participants: 40 + index,
    recommendationsRaised: 5,
    recommendationsResolved: 3,
    ...overrides,
  });
}

/** The 2025 yearly report with every part filled in. */
export function filledReport(overrides: (report: ReportDocument) => void = () => {}): ReportDocument {
  const report = emptyReport(FILLED_REPORT_ID, { year: 2025, kind: 'yearly' }, '2025-11-20T08:00:00.000Z');
  report.status = 'ready';
  report.membership = {
    workers: 1234,
    members: 1053,
    femaleMembers: 612,
    newMembers: 87,
    membersLeft: 45,
    membersInOtherOrganisations: 12,
  };
  report.dialogues = [
    numberedSession(0, { date: '2025-03-14', kind: 'workplace', ledBy: 'Giám đốc Công ty', participants: 1150, recommendationsRaised: 9, recommendationsResolved: 7 }),
    numberedSession(1, { date: '2025-08-22', kind: 'districtCommittee', ledBy: 'Phó Chủ tịch UBND xã Cầu Khởi', participants: 60, recommendationsRaised: 4, recommendationsResolved: 4 }),
  ];
  report.dissemination = { sessions: 6, attendance: 2350 };
  report.studyAndFollow = { activities: 4, commendations: 15, notes: 'Xây dựng mô hình "Tổ may học và làm theo Bác".' };
  report.officerTraining = { officersTrained: 9 };
  report.partyDevelopment = { introduced: 5, admitted: 3 };
  report.inspection = { inspections: 2, supervisions: 3, antiCorruptionSessions: 1, complaintsReceived: 2, complaintsResolved: 2 };
  report.grassrootsDemocracy = { workersConferenceHeld: true, workersConferenceDate: '2025-01-18' };
  report.administrativeReform = { notes: 'Ứng dụng phần mềm quản lý đoàn viên; gửi báo cáo qua ứng dụng.' };
  report.proposals = { text: 'Đề nghị Công đoàn cấp trên hỗ trợ kinh phí tổ chức Tết Sum vầy năm 2026.' };
  report.explanations = { memberChange: '', partyAdmission: '' };
  report.issuance = { number: '5', date: '2025-12-05' };
  overrides(report);
  return report;
}

/** A report with `count` dialogue sessions: the table runs over several pages. */
export function reportWithSessions(count: number): ReportDocument {
  return filledReport((report) => {
    report.id = MANY_SESSIONS_REPORT_ID;
    report.period = { year: 2024, kind: 'yearly' };
    report.issuance = { number: '12', date: '2024-12-02' };
    report.dialogues = Array.from({ length: count }, (_, index) => ({ ...numberedSession(index), date: numberedSession(index).date.replace('2025', '2024') }));
  });
}

/** An open reporting round for the 2026 yearly report, as a commune union opens it. */
export function round(overrides: Partial<ReportingRound> = {}): ReportingRound {
  return {
    id: 'r-2026',
    period: { year: 2026, kind: 'yearly' },
    title: 'Báo cáo kết quả thực hiện Nghị quyết năm 2026',
    plan: 'Kế hoạch số 12/KH-CĐX',
    activities: { from: '2025-12-01', to: '2026-11-30' },
    deadline: '2026-12-10',
    openedBy: { nodeId: 'n-1', name: 'Công đoàn xã Dương Minh Châu' },
    openedAt: '2026-09-01T02:00:00.000Z',
    closedAt: null,
    ...overrides,
  };
}

/** The server's 409 for a push into `closed`, a round it has closed. */
export function roundClosedRefusal(closed: ReportingRound): ApiError {
  return {
    error: 'round_closed',
    message: 'The reporting round is closed.',
    details: { roundId: closed.id, title: closed.title, closedAt: closed.closedAt },
  };
}

/** The sync state of a report the server holds at revision 3, `base` its copy, nothing left to send. */
export function synced(overrides: Partial<LocalReportSync> = {}, base: ReportDocument = validReport()): LocalReportSync {
  return { ...neverSynced(), serverRevision: '3', base, pending: false, ...overrides };
}

/** The server's copy of `document` at `revision`, as a push's 412 or a pull brings it. */
export function serverCopy(document: ReportDocument, revision = '3'): ServerReport {
  return { document, revision, unionId: 'u1', review: null, savedAt: '2025-10-02T08:00:00.000Z' };
}
