import { describe, expect, it } from 'vitest';
import { changedSince, decisionSpeaker, reportLifecycle, REPORT_STAGES, type LifecycleInput, type ReportStage } from '../../src/domain/lifecycle';
import { neverSynced, rememberReturn, syncPhase, type LocalReportSync, type ReviewDecision, type ServerReport } from '../../src/domain/sync';
import { session, synced, validReport } from './fixtures';

const returned: ReviewDecision = { status: 'returned', comment: 'Bổ sung số đoàn viên nữ.', decidedAt: '2025-01-10T08:00:00.000Z' };
const accepted: ReviewDecision = { status: 'accepted', comment: '', decidedAt: '2025-01-20T08:00:00.000Z' };
const acceptedWithComment: ReviewDecision = { ...accepted, comment: 'Số liệu đầy đủ, cảm ơn.' };
const withdrawn: ReviewDecision = { status: 'withdrawn', comment: 'Chấp nhận nhầm báo cáo, cần đối chiếu lại số nữ.', decidedAt: '2025-01-21T08:00:00.000Z', revision: '3' };

function lastReturnAt(revision: string) {
  return { review: returned, revision, document: validReport() };
}

function input(status: 'draft' | 'ready', sync: LocalReportSync, closedAt?: string): LifecycleInput {
  return { document: { status }, sync, round: closedAt ? { closedAt } : undefined };
}

describe('reportLifecycle: the stage, its one action and whether fields are locked', () => {
  const cases: [string, LifecycleInput, ReportStage, string, boolean][] = [
    ['a new draft, never on the server', input('draft', neverSynced()), 'draftLocal', 'send', false],
    ['a draft the server holds', input('draft', synced()), 'draftSaved', 'send', false],
    // The editor used to fall back to "only on this phone" here, though the server holds a copy.
    ['a draft edited since the server copy', input('draft', synced({ pending: true })), 'draftSaved', 'send', false],
    ['sent while offline', input('ready', { ...neverSynced(), pending: true }), 'queued', 'sendNow', true],
    ['sent on top of a saved draft, not yet pushed', input('ready', synced({ pending: true })), 'queued', 'sendNow', true],
    ['sent and on the server', input('ready', synced()), 'sent', 'viewAndPrint', true],
    ['returned', input('ready', synced({ review: returned, lastReturn: lastReturnAt('3') })), 'returned', 'fixAndResend', true],
    ['returned, reopened, not pushed yet', input('draft', synced({ review: returned, pending: true })), 'fixing', 'sendAgain', false],
    ['returned, reopened, the draft on the server', input('draft', synced({ serverRevision: '4', lastReturn: lastReturnAt('3') })), 'fixing', 'sendAgain', false],
    ['sent again, not pushed yet', input('ready', synced({ review: returned, pending: true, lastReturn: lastReturnAt('3') })), 'queued', 'sendNow', true],
    ['sent again and on the server', input('ready', synced({ serverRevision: '5', lastReturn: lastReturnAt('3') })), 'resent', 'viewAndPrint', true],
    ['accepted', input('ready', synced({ review: accepted })), 'accepted', 'viewAndPrint', true],
    ['accepted, though reopened offline', input('draft', synced({ review: accepted, pending: true })), 'accepted', 'viewAndPrint', true],
    ['its acceptance withdrawn: waiting for review again', input('ready', synced({ review: withdrawn })), 'acceptanceWithdrawn', 'viewAndPrint', true],
    [
      'its acceptance withdrawn after a return: still the withdrawal',
      input('ready', synced({ serverRevision: '5', review: { ...withdrawn, revision: '5' }, lastReturn: lastReturnAt('3') })),
      'acceptanceWithdrawn',
      'viewAndPrint',
      true,
    ],
    ['its acceptance withdrawn, then reopened here', input('draft', synced({ review: withdrawn, pending: true })), 'draftSaved', 'send', false],
    ['its acceptance withdrawn, then the round closed', input('ready', synced({ review: withdrawn }), '2025-12-01T00:00:00.000Z'), 'acceptanceWithdrawn', 'viewAndPrint', true],
    [
      'changed on two devices',
      input('draft', synced({ pending: true, conflict: { revision: '4' } as ServerReport })),
      'conflict',
      'decide',
      false,
    ],
    [
      'refused with a reason',
      input('draft', synced({ pending: true, refusal: { error: 'validation_failed', message: 'x' } })),
      'refused',
      'fixRefused',
      false,
    ],
    [
      'refused once sent: locked until reopened',
      input('ready', synced({ pending: true, refusal: { error: 'validation_failed', message: 'x' } })),
      'refused',
      'fixRefused',
      true,
    ],
    [
      'refused because the period has another report',
      input('draft', { ...neverSynced(), refusal: { error: 'period_taken', message: 'x', details: { existingReportId: 'r2' } } }),
      'refused',
      'openExisting',
      false,
    ],
    ['a draft when the round has closed', input('draft', synced(), '2025-12-01T00:00:00.000Z'), 'roundClosed', 'viewAndPrint', true],
    ['returned when the round has closed', input('ready', synced({ review: returned }), '2025-12-01T00:00:00.000Z'), 'roundClosed', 'viewAndPrint', true],
    ['sent before the round closed: still waiting', input('ready', synced(), '2025-12-01T00:00:00.000Z'), 'sent', 'viewAndPrint', true],
  ];

  it.each(cases)('%s', (_, given, stage, action, locked) => {
    const lifecycle = reportLifecycle(given);
    expect(lifecycle).toMatchObject({ stage, action, locked });
  });

  it('covers every stage', () => {
    expect(new Set(cases.map(([, , stage]) => stage))).toEqual(new Set(REPORT_STAGES));
  });

  it('keeps the comment in view while returned, fixed and sent again, and drops it once accepted', () => {
    expect(reportLifecycle(input('ready', synced({ review: returned }))).comment).toBe(returned.comment);
    expect(reportLifecycle(input('draft', synced({ serverRevision: '4', lastReturn: lastReturnAt('3') }))).comment).toBe(returned.comment);
    expect(reportLifecycle(input('ready', synced({ serverRevision: '5', lastReturn: lastReturnAt('3') }))).comment).toBe(returned.comment);
    expect(reportLifecycle(input('ready', synced({ review: accepted, lastReturn: lastReturnAt('3') }))).comment).toBeNull();
    expect(reportLifecycle(input('ready', synced())).comment).toBeNull();
  });

  it("shows the acceptance's comment, and a withdrawal's reason, saying which each is", () => {
    expect(reportLifecycle(input('ready', synced({ review: acceptedWithComment, lastReturn: lastReturnAt('3') })))).toMatchObject({
      stage: 'accepted',
      comment: acceptedWithComment.comment,
      commentOn: 'accepted',
    });
    expect(reportLifecycle(input('ready', synced({ review: withdrawn })))).toMatchObject({ comment: withdrawn.comment, commentOn: 'withdrawn' });
    expect(reportLifecycle(input('ready', synced({ review: returned })))).toMatchObject({ comment: returned.comment, commentOn: 'returned' });
    expect(reportLifecycle(input('ready', synced({ review: accepted }))).commentOn).toBeNull();
  });

  it('does not count a withdrawn acceptance as a decision on the wire either', () => {
    expect(syncPhase(validReport((r) => (r.status = 'ready')), synced({ review: withdrawn }))).toBe('sent');
    expect(syncPhase(validReport((r) => (r.status = 'ready')), synced({ review: acceptedWithComment }))).toBe('accepted');
  });

  it('says when a saved draft has newer edits on this phone only', () => {
    expect(reportLifecycle(input('draft', synced({ pending: true }))).unsentChanges).toBe(true);
    expect(reportLifecycle(input('draft', synced())).unsentChanges).toBe(false);
  });

  it('reads data written before the return was remembered (no lastReturn field)', () => {
    const old = synced();
    delete old.lastReturn;
    expect(reportLifecycle(input('ready', old)).stage).toBe('sent');
  });
});

describe('rememberReturn', () => {
  const server = (review: ReviewDecision | null, revision: string): ServerReport => ({
    document: validReport(),
    revision,
    unionId: 'u',
    review,
    savedAt: '2025-01-01T00:00:00.000Z',
  });

  it('remembers a return with its revision and document, and keeps it when the server clears the decision', () => {
    const first = rememberReturn(null, server(returned, '3'));
    expect(first).toMatchObject({ revision: '3', review: returned });
    expect(rememberReturn(first, server(null, '4'))).toBe(first);
    expect(rememberReturn(first, server(returned, '3'))).toBe(first);
    const again = { ...returned, decidedAt: '2025-02-01T00:00:00.000Z' };
    expect(rememberReturn(first, server(again, '6'))).toMatchObject({ revision: '6', review: again });
    expect(rememberReturn(undefined, server(null, '1'))).toBeNull();
  });
});

describe('changedSince', () => {
  it('names the fields changed since the returned revision, sessions by their place', () => {
    const before = validReport((r) => {
      r.dialogues = [session({ id: 'a' }), session({ id: 'b' })];
    });
    const after = validReport((r) => {
      r.membership.femaleMembers = 610;
      r.proposals.text = 'Thêm kinh phí';
      r.dialogues = [session({ id: 'b', participants: 50 }), session({ id: 'c' })];
    });
    expect(changedSince(before, after)).toEqual([
      'membership.femaleMembers',
      'proposals.text',
      'dialogues.0.participants',
      'dialogues.1',
      'dialogues',
    ]);
    expect(changedSince(before, before)).toEqual([]);
  });
});

describe('who the stage names after a move (issue 21)', () => {
  const ward = { id: 'ward', name: 'Công đoàn phường An Tịnh' };
  const accepted = { status: 'accepted' as const, comment: '', decidedAt: '2025-12-01T02:00:00.000Z', revision: '2', node: ward };

  it('names the node that made the decision on a decided stage, not the current superior', () => {
    expect(decisionSpeaker('accepted', { review: accepted })).toBe('Công đoàn phường An Tịnh');
    expect(decisionSpeaker('returned', { review: { ...accepted, status: 'returned' } })).toBe('Công đoàn phường An Tịnh');
  });

  it('leaves the current superior on the stages about what is sent now, and on decisions that name no node', () => {
    expect(decisionSpeaker('sent', { review: accepted })).toBeNull();
    expect(decisionSpeaker('accepted', { review: { status: 'accepted', comment: '', decidedAt: '2025-12-01T02:00:00.000Z' } })).toBeNull();
  });
});
