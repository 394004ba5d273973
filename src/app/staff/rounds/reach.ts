/** The reach view's rules (RoundReach.tsx): whom to call, and the reminder days as typed. */
import { REMINDER_DAYS_LIMITS, type UnionReach } from '../../../domain/notifications';

/**
 * The CĐCS that have not sent and that no push reaches: the ones to call. Longest silent first (never
 * synced, then the oldest last sync), then by name.
 */
export function unionsToCall(unions: readonly UnionReach[]): UnionReach[] {
  return unions
    .filter((union) => !union.sent && union.reach !== 'subscribed')
    .sort((a, b) => (a.lastSyncAt ?? '').localeCompare(b.lastSyncAt ?? '') || a.name.localeCompare(b.name, 'vi'));
}

/**
 * "7, 3, 1" → [7, 3, 1]: whole days within REMINDER_DAYS_LIMITS (the server's), separated by commas
 * or spaces, each once, at most its number of steps, latest first. '' is no automatic reminder. Null: unreadable.
 */
export function parseDaysBefore(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
  if (!parts.every((part) => /^\d{1,2}$/.test(part))) return null;
  const days = [...new Set(parts.map(Number))];
  if (days.length > REMINDER_DAYS_LIMITS.maxSteps || days.some((day) => day < REMINDER_DAYS_LIMITS.min || day > REMINDER_DAYS_LIMITS.max)) return null;
  return days.sort((a, b) => b - a);
}

export function formatDaysBefore(days: readonly number[]): string {
  return days.join(', ');
}
