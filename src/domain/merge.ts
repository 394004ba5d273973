/**
 * The three-way merge of a report: when a push meets a newer server copy (412), the device merges
 * its own copy and the server's against the revision both started from (`sync.base`).
 *
 * - A field changed on one side only takes that side's value.
 * - A field changed on both sides to the same value is no conflict.
 * - A field changed on both sides to different values is a conflict: `merged` keeps this device's
 *   value until the officer decides (see `resolveConflicts`).
 * - Dialogue sessions merge by their id, field by field inside a session. A session added on either
 *   side is kept; removed on one side and untouched on the other is removed; removed on one side and
 *   edited on the other is a conflict about the whole session.
 * - `updatedAt` is bookkeeping, never a conflict: the later of the two wins.
 * - A form's rows (`values`, issue 22) and their explanations (`valueNotes`) merge row by row: two
 *   phones filling different rows never clash, and a conflict names one row (`values.TONG_LD`), which
 *   `formRowOfPath` reads back so the question can name the row by its label.
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

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
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

export type FormRowField = 'values' | 'valueNotes';

/** `values.TONG_LD` → the row `TONG_LD`'s value; `valueNotes.TONG_LD` → its explanation; null for any other path. */
export function formRowOfPath(path: string): { field: FormRowField; code: string } | null {
  const match = /^(values|valueNotes)\.([A-Z][A-Z0-9_]*)$/.exec(path);
  return match ? { field: match[1] as FormRowField, code: match[2] as string } : null;
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

export type ConflictChoice = 'local' | 'remote';

function parseDialoguePath(path: string): { sessionId: string; rest: string[] } | null {
  if (!path.startsWith('dialogues[')) return null;
  // Session ids are device-made UUIDs; the last `]` that ends the id is followed by `.` or the end.
  const end = path.endsWith(']') ? path.length - 1 : path.lastIndexOf('].');
  if (end < 0) return null;
  const rest = path.slice(end + 2);
  return { sessionId: path.slice('dialogues['.length, end), rest: rest ? rest.split('.') : [] };
}

function setAt(target: PlainObject, keys: string[], value: unknown): PlainObject {
  const [head, ...tail] = keys;
  if (head === undefined) return target;
  const copy: PlainObject = { ...target };
  if (tail.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
  } else {
    copy[head] = setAt(isPlainObject(target[head]) ? target[head] : {}, tail, value);
  }
  return copy;
}

/**
 * Applies the officer's choices to a merged document: for each conflict, the chosen side's value.
 * A conflict without a choice keeps what `merged` holds (this device's value).
 */
export function resolveConflicts(
  merged: ReportDocument,
  conflicts: readonly MergeConflict[],
  choices: ReadonlyMap<string, ConflictChoice> | Readonly<Record<string, ConflictChoice>>,
): ReportDocument {
  const choiceOf = (path: string): ConflictChoice | undefined =>
    choices instanceof Map ? choices.get(path) : (choices as Record<string, ConflictChoice>)[path];
  let document = merged;
  for (const conflict of conflicts) {
    const choice = choiceOf(conflict.path);
    if (!choice) continue;
    const value = choice === 'local' ? conflict.local : conflict.remote;
    const dialogue = parseDialoguePath(conflict.path);
    if (dialogue) {
      const sessions = [...document.dialogues];
      const index = sessions.findIndex((session) => session.id === dialogue.sessionId);
      if (dialogue.rest.length === 0) {
        if (value === undefined) {
          if (index >= 0) sessions.splice(index, 1);
        } else if (index >= 0) {
          sessions[index] = value as DialogueSession;
        } else {
          sessions.push(value as DialogueSession);
        }
      } else if (index >= 0) {
        sessions[index] = setAt(sessions[index] as unknown as PlainObject, dialogue.rest, value) as unknown as DialogueSession;
      }
      document = { ...document, dialogues: sessions };
    } else {
      document = setAt(document as unknown as PlainObject, conflict.path.split('.'), value) as unknown as ReportDocument;
    }
  }
  return document;
}
