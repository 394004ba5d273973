/** Which sentence a refused district call shows; `null` when the session ended (the app signs out). */
import { DistrictApiError } from './api';
import type { DistrictMessages } from './messages';

export function failureText(error: unknown, m: DistrictMessages): string {
  if (error instanceof DistrictApiError) {
    if (error.error === 'network') return m.errors.network;
    if (error.error === 'not_found') return m.errors.notFound;
  }
  return m.errors.server;
}

export function isSessionEnded(error: unknown): boolean {
  return error instanceof DistrictApiError && error.status === 401;
}
