/**
 * The officer's answer to a merge's conflicts (merge.ts): their choices applied to the merged report,
 * and a form row read back from a conflict's path. Apart from the merge, which every start of the
 * phone loads, because only the conflict question (a lazy chunk), the tests and the sync model use it.
 *
 * Pure: no clock, no I/O. Inputs are not mutated.
 */
import { isPlainObject, type MergeConflict, type PlainObject } from './merge';
import type { DialogueSession, ReportDocument } from './report';

export type FormRowField = 'values' | 'valueNotes';

/** `values.TONG_LD` → the row `TONG_LD`'s value; `valueNotes.TONG_LD` → its explanation; null for any other path. */
export function formRowOfPath(path: string): { field: FormRowField; code: string } | null {
  const match = /^(values|valueNotes)\.([A-Z][A-Z0-9_]*)$/.exec(path);
  return match ? { field: match[1] as FormRowField, code: match[2] as string } : null;
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
