/**
 * The three-way merge of a report: when a push meets a newer server copy (412), the device merges
 * its own copy and the server's against the revision both started from (`sync.base`).
 *
 * - A field changed on one side only takes that side's value.
 * - A field changed on both sides to the same value is no conflict.
 * - A field changed on both sides to different values is a conflict: `merged` keeps this device's
 *   value until the officer decides (`resolveConflicts`, conflicts.ts).
 * - Dialogue sessions merge by their id, field by field inside a session. A session added on either
 *   side is kept; removed on one side and untouched on the other is removed; removed on one side and
 *   edited on the other is a conflict about the whole session.
 * - `updatedAt` is bookkeeping, never a conflict: the later of the two wins.
 * - A form's rows (`values`, issue 22) and their explanations (`valueNotes`) merge row by row: two
 *   phones filling different rows never clash, and a conflict names one row (`values.TONG_LD`), which
 *   `formRowOfPath` (conflicts.ts) reads back so the question can name the row by its label.
 *
 * Pure: no clock, no I/O. Inputs are not mutated.
 */
import type { DialogueSession, ReportDocument } from './report';

export interface MergeConflict {
  /**
   * Where the two sides disagree, for example `membership.members`, `dialogues[<id>].ledBy`, or
   * `dialogues[<id>]` when one side removed a session the other edited (the removed side's value is
   * `undefined`).
   */
  path: string;
  base: unknown;
  local: unknown;
  remote: unknown;
}

export interface MergeResult {
  merged: ReportDocument;
  conflicts: MergeConflict[];
}

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values (the report holds nothing else). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const aKeys = Object.keys(a).filter((key) => a[key] !== undefined);
    const bKeys = Object.keys(b).filter((key) => b[key] !== undefined);
    return aKeys.length === bKeys.length && aKeys.every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

function later(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** Merges one value; recurses into objects so that two sides editing different fields never clash. */
function mergeValue(path: string, base: unknown, local: unknown, remote: unknown, conflicts: MergeConflict[]): unknown {
  if (sameValue(local, remote)) return local;
  if (sameValue(base, local)) return remote;
  if (sameValue(base, remote)) return local;
  if (isPlainObject(local) && isPlainObject(remote)) {
    const baseObject = isPlainObject(base) ? base : {};
    const merged: PlainObject = {};
    for (const key of new Set([...Object.keys(local), ...Object.keys(remote)])) {
      const value = mergeValue(`${path}.${key}`, baseObject[key], local[key], remote[key], conflicts);
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  }
  conflicts.push({ path, base, local, remote });
  return local;
}

function byId(sessions: readonly DialogueSession[] | undefined): Map<string, DialogueSession> {
  return new Map((sessions ?? []).map((session) => [session.id, session]));
}

export function dialoguePath(sessionId: string): string {
  return `dialogues[${sessionId}]`;
}

function mergeDialogues(
  base: readonly DialogueSession[] | undefined,
  local: readonly DialogueSession[],
  remote: readonly DialogueSession[],
  conflicts: MergeConflict[],
): DialogueSession[] {
  const baseSessions = byId(base);
  const localSessions = byId(local);
  const remoteSessions = byId(remote);
  const merged: DialogueSession[] = [];

  // This device's order first (the officer is looking at it), then sessions only the server has.
  for (const localSession of local) {
    const baseSession = baseSessions.get(localSession.id);
    const remoteSession = remoteSessions.get(localSession.id);
    if (remoteSession) {
      merged.push(
        mergeValue(dialoguePath(localSession.id), baseSession, localSession, remoteSession, conflicts) as DialogueSession,
      );
    } else if (!baseSession) {
      merged.push(localSession); // added here
    } else if (sameValue(baseSession, localSession)) {
      // removed on the server, untouched here: removed
    } else {
      // removed on the server, edited here: the officer decides; until then this device's copy stays
      conflicts.push({ path: dialoguePath(localSession.id), base: baseSession, local: localSession, remote: undefined });
      merged.push(localSession);
    }
  }
  for (const remoteSession of remote) {
    if (localSessions.has(remoteSession.id)) continue;
    const baseSession = baseSessions.get(remoteSession.id);
    if (!baseSession) {
      merged.push(remoteSession); // added on the server
    } else if (sameValue(baseSession, remoteSession)) {
      // removed here, untouched on the server: removed
    } else {
      // removed here, edited on the server: keep it removed until the officer decides
      conflicts.push({ path: dialoguePath(remoteSession.id), base: baseSession, local: undefined, remote: remoteSession });
    }
  }
  return merged;
}

/**
 * Merges `local` (this device) and `remote` (the server's current copy) against `base`, the
 * document at the revision this device last saw. A `base` of null (never synced) makes every
 * difference a conflict.
 */
export function mergeReports(
  base: ReportDocument | null,
  local: ReportDocument,
  remote: ReportDocument,
): MergeResult {
  const conflicts: MergeConflict[] = [];
  const merged: PlainObject = {};
  const baseObject: PlainObject = base ? (base as unknown as PlainObject) : {};
  const localObject = local as unknown as PlainObject;
  const remoteObject = remote as unknown as PlainObject;
  for (const key of new Set([...Object.keys(localObject), ...Object.keys(remoteObject)])) {
    if (key === 'updatedAt') {
      merged[key] = later(local.updatedAt, remote.updatedAt);
    } else if (key === 'dialogues') {
      merged[key] = mergeDialogues(base?.dialogues, local.dialogues, remote.dialogues, conflicts);
    } else {
      const value = mergeValue(key, baseObject[key], localObject[key], remoteObject[key], conflicts);
      if (value !== undefined) merged[key] = value;
    }
  }
  return { merged: merged as unknown as ReportDocument, conflicts };
}
