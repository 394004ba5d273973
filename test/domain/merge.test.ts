import { describe, expect, it } from 'vitest';
import { formRowOfPath, resolveConflicts } from '../../src/domain/conflicts';
import { mergeReports, sameValue } from '../../src/domain/merge';
import { emptyReport, type DialogueSession, type ReportDocument } from '../../src/domain/report';

const REPORT_ID = '4f6c1a52-9d8e-4b7a-a1f0-2c3d4e5f6a7b';

function baseReport(): ReportDocument {
  const report = emptyReport(REPORT_ID, { year: 2024, kind: 'yearly' }, '2024-03-01T08:00:00.000Z');
  report.membership.workers = 120;
  report.membership.members = 100;
  report.dialogues = [session('s1', { ledBy: 'Chủ tịch CĐCS' }), session('s2', { ledBy: 'Giám đốc' })];
  return report;
}

function session(id: string, fields: Partial<DialogueSession> = {}): DialogueSession {
  return {
    id,
    date: '2024-05-10',
    kind: 'workplace',
    ledBy: '',
    participants: 30,
    recommendationsRaised: 4,
    recommendationsResolved: 2,
    notes: '',
    ...fields,
  };
}

/** A copy of the base edited by `edit`, as another side would hold it. */
function edited(base: ReportDocument, edit: (report: ReportDocument) => void, updatedAt?: string): ReportDocument {
  const copy = structuredClone(base);
  edit(copy);
  if (updatedAt) copy.updatedAt = updatedAt;
  return copy;
}

describe('mergeReports: fields', () => {
  it('takes a field changed on one side only, from either side', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.membership.members = 105));
    const remote = edited(base, (r) => (r.inspection.complaintsReceived = 3));
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([]);
    expect(merged.membership.members).toBe(105);
    expect(merged.inspection.complaintsReceived).toBe(3);
    expect(merged.membership.workers).toBe(120);
  });

  it('merges different fields of the same section without a conflict', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.membership.femaleMembers = 40));
    const remote = edited(base, (r) => (r.membership.newMembers = 7));
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([]);
    expect(merged.membership).toMatchObject({ femaleMembers: 40, newMembers: 7, members: 100, workers: 120 });
  });

  it('accepts both sides changing a field to the same value', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.proposals.text = 'Tăng lương tối thiểu'));
    const remote = edited(base, (r) => (r.proposals.text = 'Tăng lương tối thiểu'));
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([]);
    expect(merged.proposals.text).toBe('Tăng lương tối thiểu');
  });

  it('reports a field changed differently on both sides, and keeps this device value meanwhile', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.membership.members = 110));
    const remote = edited(base, (r) => (r.membership.members = 95));
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([{ path: 'membership.members', base: 100, local: 110, remote: 95 }]);
    expect(merged.membership.members).toBe(110);
  });

  it('treats clearing a field (null) as a change like any other', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.membership.workers = null));
    const remote = edited(base, (r) => (r.membership.workers = 130));
    expect(mergeReports(base, local, remote).conflicts).toEqual([
      { path: 'membership.workers', base: 120, local: null, remote: 130 },
    ]);
    const onlyLocal = mergeReports(base, local, base);
    expect(onlyLocal.conflicts).toEqual([]);
    expect(onlyLocal.merged.membership.workers).toBeNull();
  });

  it('merges the status and booleans as leaves', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.status = 'ready'));
    const remote = edited(base, (r) => (r.grassrootsDemocracy.workersConferenceHeld = true));
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([]);
    expect(merged.status).toBe('ready');
    expect(merged.grassrootsDemocracy.workersConferenceHeld).toBe(true);
  });

  it('never makes updatedAt a conflict and takes the later one', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.membership.members = 101), '2024-03-02T09:00:00.000Z');
    const remote = edited(base, (r) => (r.membership.workers = 125), '2024-03-05T09:00:00.000Z');
    const first = mergeReports(base, local, remote);
    expect(first.conflicts).toEqual([]);
    expect(first.merged.updatedAt).toBe('2024-03-05T09:00:00.000Z');
    const second = mergeReports(base, remote, local);
    expect(second.merged.updatedAt).toBe('2024-03-05T09:00:00.000Z');
  });

  it('does not mutate its inputs', () => {
    const base = baseReport();
    const local = edited(base, (r) => r.dialogues.push(session('s3')));
    const remote = edited(base, (r) => (r.dialogues = r.dialogues.filter((s) => s.id !== 's2')));
    const snapshot = structuredClone({ base, local, remote });
    mergeReports(base, local, remote);
    expect({ base, local, remote }).toEqual(snapshot);
  });

  it('with no common base (never synced), makes every difference a conflict but keeps equal fields', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.membership.members = 101));
    const remote = edited(base, (r) => (r.membership.members = 99));
    const { merged, conflicts } = mergeReports(null, local, remote);
    expect(conflicts.map((c) => c.path)).toEqual(['membership.members']);
    expect(merged.membership.workers).toBe(120);
  });

  it('returns the same document when nothing changed anywhere', () => {
    const base = baseReport();
    const { merged, conflicts } = mergeReports(base, structuredClone(base), structuredClone(base));
    expect(conflicts).toEqual([]);
    expect(merged).toEqual(base);
  });
});

describe('mergeReports: dialogue sessions', () => {
  it('keeps sessions added on either side, this device order first', () => {
    const base = baseReport();
    const local = edited(base, (r) => r.dialogues.push(session('local-new', { ledBy: 'Phó chủ tịch' })));
    const remote = edited(base, (r) => r.dialogues.push(session('remote-new', { ledBy: 'Kế toán' })));
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([]);
    expect(merged.dialogues.map((s) => s.id)).toEqual(['s1', 's2', 'local-new', 'remote-new']);
  });

  it('removes a session removed on one side and untouched on the other', () => {
    const base = baseReport();
    const removedHere = edited(base, (r) => (r.dialogues = r.dialogues.filter((s) => s.id !== 's1')));
    const removedThere = edited(base, (r) => (r.dialogues = r.dialogues.filter((s) => s.id !== 's2')));
    const { merged, conflicts } = mergeReports(base, removedHere, removedThere);
    expect(conflicts).toEqual([]);
    expect(merged.dialogues).toEqual([]);
  });

  it('makes a conflict of a session edited here and removed on the server, keeping it until decided', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.dialogues[0]!.participants = 45));
    const remote = edited(base, (r) => (r.dialogues = r.dialogues.filter((s) => s.id !== 's1')));
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([
      { path: 'dialogues[s1]', base: base.dialogues[0], local: local.dialogues[0], remote: undefined },
    ]);
    expect(merged.dialogues.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(merged.dialogues[0]!.participants).toBe(45);
  });

  it('makes a conflict of a session removed here and edited on the server, keeping it removed until decided', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.dialogues = r.dialogues.filter((s) => s.id !== 's2')));
    const remote = edited(base, (r) => (r.dialogues[1]!.notes = 'Đã giải quyết 2 kiến nghị'));
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([
      { path: 'dialogues[s2]', base: base.dialogues[1], local: undefined, remote: remote.dialogues[1] },
    ]);
    expect(merged.dialogues.map((s) => s.id)).toEqual(['s1']);
  });

  it('merges fields inside a session edited on both sides', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.dialogues[0]!.participants = 50));
    const remote = edited(base, (r) => (r.dialogues[0]!.recommendationsResolved = 4));
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([]);
    expect(merged.dialogues[0]).toMatchObject({ participants: 50, recommendationsResolved: 4, ledBy: 'Chủ tịch CĐCS' });
  });

  it('names the session and field when both sides changed the same session field', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.dialogues[1]!.date = '2024-06-01'));
    const remote = edited(base, (r) => (r.dialogues[1]!.date = '2024-07-01'));
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([{ path: 'dialogues[s2].date', base: '2024-05-10', local: '2024-06-01', remote: '2024-07-01' }]);
    expect(merged.dialogues[1]!.date).toBe('2024-06-01');
  });

  it('treats a session both sides added with the same id as one, conflicting only where they differ', () => {
    const base = baseReport();
    const local = edited(base, (r) => r.dialogues.push(session('same', { participants: 10 })));
    const remote = edited(base, (r) => r.dialogues.push(session('same', { participants: 12 })));
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([{ path: 'dialogues[same].participants', base: undefined, local: 10, remote: 12 }]);
    expect(merged.dialogues.filter((s) => s.id === 'same')).toHaveLength(1);
  });
});

describe('resolveConflicts', () => {
  it('applies the officer choice per field, and the result then merges cleanly with the server copy', () => {
    const base = baseReport();
    const local = edited(base, (r) => {
      r.membership.members = 110;
      r.proposals.text = 'Máy này';
      r.dialogues[1]!.date = '2024-06-01';
    });
    const remote = edited(base, (r) => {
      r.membership.members = 95;
      r.proposals.text = 'Máy chủ';
      r.dialogues[1]!.date = '2024-07-01';
    });
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toHaveLength(3);
    const resolved = resolveConflicts(merged, conflicts, {
      'membership.members': 'remote',
      'proposals.text': 'local',
      'dialogues[s2].date': 'remote',
    });
    expect(resolved.membership.members).toBe(95);
    expect(resolved.proposals.text).toBe('Máy này');
    expect(resolved.dialogues[1]!.date).toBe('2024-07-01');
    // After resolving, the server copy becomes the new base: nothing left to decide.
    expect(mergeReports(remote, resolved, remote).conflicts).toEqual([]);
  });

  it('restores a session removed here when the officer chooses the server copy, and removes it otherwise', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.dialogues = r.dialogues.filter((s) => s.id !== 's2')));
    const remote = edited(base, (r) => (r.dialogues[1]!.notes = 'Ghi chú mới'));
    const { merged, conflicts } = mergeReports(base, local, remote);
    const keepRemote = resolveConflicts(merged, conflicts, new Map([['dialogues[s2]', 'remote' as const]]));
    expect(keepRemote.dialogues.find((s) => s.id === 's2')?.notes).toBe('Ghi chú mới');
    const keepLocal = resolveConflicts(merged, conflicts, { 'dialogues[s2]': 'local' });
    expect(keepLocal.dialogues.map((s) => s.id)).toEqual(['s1']);
  });

  it('removes a session edited here when the officer accepts the server removal', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.dialogues[0]!.participants = 45));
    const remote = edited(base, (r) => (r.dialogues = r.dialogues.filter((s) => s.id !== 's1')));
    const { merged, conflicts } = mergeReports(base, local, remote);
    const resolved = resolveConflicts(merged, conflicts, { 'dialogues[s1]': 'remote' });
    expect(resolved.dialogues.map((s) => s.id)).toEqual(['s2']);
  });

  it('keeps this device value for a conflict left without a choice', () => {
    const base = baseReport();
    const local = edited(base, (r) => (r.membership.members = 110));
    const remote = edited(base, (r) => (r.membership.members = 95));
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(resolveConflicts(merged, conflicts, {}).membership.members).toBe(110);
  });
});

describe('sameValue', () => {
  it('compares nested JSON structurally', () => {
    expect(sameValue({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(sameValue({ a: [1, { b: null }] }, { a: [1, { b: 0 }] })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue(null, undefined)).toBe(false);
  });
});

describe('mergeReports: a form report’s rows (issue 22)', () => {
  function formReport(): ReportDocument {
    return { ...baseReport(), form: { id: 'mau-1-hdcd', version: 1 }, values: { TONG_LD: 100 }, valueNotes: {} };
  }

  it('merges rows filled on two phones without a conflict, and a row’s explanation apart from its value', () => {
    const base = formReport();
    const local = edited(base, (r) => {
      r.values = { ...r.values, LD_NU: 40 };
    });
    const remote = edited(base, (r) => {
      r.values = { ...r.values, NO_LUONG: 5_000_000 };
      r.valueNotes = { LD_NU: 'Theo sổ lao động' };
    });
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([]);
    expect(merged.values).toEqual({ TONG_LD: 100, LD_NU: 40, NO_LUONG: 5_000_000 });
    expect(merged.valueNotes).toEqual({ LD_NU: 'Theo sổ lao động' });
  });

  it('names one row when both phones changed it, and the officer’s choice sets that row only', () => {
    const base = formReport();
    const local = edited(base, (r) => {
      r.values = { TONG_LD: 120, LD_NU: 40 };
    });
    const remote = edited(base, (r) => {
      r.values = { TONG_LD: 130 };
    });
    const { merged, conflicts } = mergeReports(base, local, remote);
    expect(conflicts).toEqual([{ path: 'values.TONG_LD', base: 100, local: 120, remote: 130 }]);
    expect(formRowOfPath(conflicts[0]!.path)).toEqual({ field: 'values', code: 'TONG_LD' });
    expect(resolveConflicts(merged, conflicts, { 'values.TONG_LD': 'remote' }).values).toEqual({ TONG_LD: 130, LD_NU: 40 });
  });

  it('reads only form row paths as rows', () => {
    expect(formRowOfPath('valueNotes.LD_NU')).toEqual({ field: 'valueNotes', code: 'LD_NU' });
    expect(formRowOfPath('membership.members')).toBeNull();
    expect(formRowOfPath('values')).toBeNull();
  });
});
