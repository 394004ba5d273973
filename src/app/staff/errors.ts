/** Which sentence a refused district call shows; `null` when the session ended (the app signs out). */
import { StaffApiError } from './api';
import type { StaffMessages } from './messages';

export function failureText(error: unknown, m: StaffMessages): string {
  if (error instanceof StaffApiError) {
    if (error.error === 'network') return m.errors.network;
    if (error.error === 'not_found') return m.errors.notFound;
  }
  return m.errors.server;
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
