/** Which sentence a refused staff call shows, in the dashboard's language, beside the action. */
import type { NodeContents } from '../../domain/staff';
import { StaffApiError } from './api';
import type { StaffMessages } from './messages';

export function failureText(error: unknown, m: StaffMessages): string {
  if (error instanceof StaffApiError) {
    if (error.error === 'network') return m.errors.network;
    if (error.error === 'not_found') return m.errors.notFound;
    if (error.error === 'forbidden') return m.errors.forbidden;
    if (error.error === 'overloaded') return m.errors.overloaded;
  }
  return m.errors.server;
}

/** Whether a refusal names the body field `path` (a 409 `taken` or a 422 `validation_failed`). */
export function refusedField(error: unknown, path: string): boolean {
  return (
    error instanceof StaffApiError &&
    Array.isArray(error.details) &&
    error.details.some((detail: { path?: unknown }) => detail?.path === path)
  );
}

/** The sentence for a refused change to the tree (create, rename, delete, move, new staff). */
export function manageFailureText(error: unknown, m: StaffMessages): string {
  if (!(error instanceof StaffApiError)) return m.errors.server;
  switch (error.error) {
    case 'taken':
      return refusedField(error, 'username') ? m.manage.usernameTaken : m.manage.codeTaken;
    case 'node_cycle':
      return m.manage.cycle;
    case 'node_not_empty':
      return m.manage.notEmpty(nodeContentsText(error.details as Partial<NodeContents> | undefined, m));
    case 'validation_failed':
      if (refusedField(error, 'password')) return m.manage.passwordShort;
      return m.manage.invalid;
    default:
      return failureText(error, m);
  }
}

/** The sentence for a refused move of a CĐCS, from the refusal's detail code. */
export function moveFailureText(error: unknown, m: StaffMessages): string {
  if (!(error instanceof StaffApiError) || error.error !== 'validation_failed') return manageFailureText(error, m);
  const codes = Array.isArray(error.details) ? error.details.map((detail: { code?: unknown }) => detail?.code) : [];
  if (codes.includes('future')) return m.move.future;
  if (codes.includes('before_previous_move')) return m.move.beforePrevious;
  if (codes.includes('unchanged')) return m.move.unchanged;
  return m.move.refused;
}

/** "2 đơn vị trực thuộc, 3 CĐCS": what still holds a node the server refused to delete. */
export function nodeContentsText(contents: Partial<NodeContents> | undefined, m: StaffMessages): string {
  const parts: string[] = [];
  const c = m.manage.contents;
  if (contents?.childNodes) parts.push(c.childNodes(contents.childNodes));
  if (contents?.unions) parts.push(c.unions(contents.unions));
  if (contents?.reports) parts.push(c.reports(contents.reports));
  if (contents?.staff) parts.push(c.staff(contents.staff));
  return parts.join(', ');
}

/** The sign-in form's sentence for a refused attempt, and a kind the page marks for tests. */
export function signInFailure(error: unknown, m: StaffMessages): { text: string; kind: 'wrong' | 'rate_limited' | 'other' } {
  if (error instanceof StaffApiError && error.status === 401) return { text: m.signIn.wrong, kind: 'wrong' };
  if (error instanceof StaffApiError && error.status === 429)
    return { text: m.signIn.tooMany(error.retryAfterSeconds ?? 60), kind: 'rate_limited' };
  return { text: failureText(error, m), kind: 'other' };
}

export function isSessionEnded(error: unknown): boolean {
  return error instanceof StaffApiError && error.status === 401;
}

/**
 * Hands a staff screen what `loading` brings, while the screen still wants it: an ended session goes to
 * `onSessionEnded` (back to sign-in), any other failure to `onFailure`. Returns the effect's cleanup,
 * after which a late answer is dropped (the screen moved on to another union).
 */
export function loadWhileShown<T>(
  loading: Promise<T>,
  onLoaded: (loaded: T) => void,
  { onSessionEnded, onFailure }: { onSessionEnded: () => void; onFailure: (error: unknown) => void },
): () => void {
  let live = true;
  loading.then(
    (loaded) => live && onLoaded(loaded),
    (error: unknown) => {
      if (!live) return;
      if (isSessionEnded(error)) onSessionEnded();
      else onFailure(error);
    },
  );
  return () => {
    live = false;
  };
}
