/** The sentence for a refused account action, from the server's detail code, shown beside the field it names. */
import { StaffApiError } from '../api';
import { failureText } from '../errors';
import type { StaffMessages } from '../messages';
import type { AccountMessages } from './messages';

const DETAIL_TEXT: Record<string, (a: AccountMessages) => string> = {
  too_short: (a) => a.refusals.tooShort,
  too_long: (a) => a.refusals.tooLong,
  common: (a) => a.refusals.common,
  same_as_username: (a) => a.refusals.sameAsUsername,
  unchanged: (a) => a.refusals.unchanged,
  wrong_password: (a) => a.refusals.wrongPassword,
  wrong_code: (a) => a.refusals.wrongCode,
  no_setup: (a) => a.refusals.wrongCode,
  self: (a) => a.refusals.self,
};

/** The field a refusal names (null when none), and its sentence. */
export function accountRefusal(error: unknown, a: AccountMessages, m: StaffMessages): { field: string | null; text: string } {
  if (error instanceof StaffApiError && error.status === 429) return { field: null, text: a.refusals.tooMany(error.retryAfterSeconds ?? 60) };
  if (error instanceof StaffApiError && error.error === 'validation_failed' && Array.isArray(error.details)) {
    const detail = error.details[0] as { path?: unknown; code?: unknown } | undefined;
    const text = typeof detail?.code === 'string' ? DETAIL_TEXT[detail.code]?.(a) : undefined;
    return { field: typeof detail?.path === 'string' ? detail.path : null, text: text ?? a.refusals.invalid };
  }
  return { field: null, text: failureText(error, m) };
}
