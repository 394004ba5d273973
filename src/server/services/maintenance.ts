import { deleteEndedWindows } from '../store/attemptWindows';
import { type ServiceContext, isoNow } from './context';

/** How long a push's answer is kept for replays: far longer than any device stays offline with an answer lost. */
export const IDEMPOTENCY_DAYS = 30;

/** Forgets idempotency records past their time, expired staff sessions and ended rate-limit windows. */
export async function forgetExpired(context: ServiceContext): Promise<void> {
  const before = new Date(context.now().getTime() - IDEMPOTENCY_DAYS * 86_400_000).toISOString();
  await context.store.write((tx) => tx.deleteExpired(before, isoNow(context)));
  await deleteEndedWindows(context.store, context.now().getTime());
}
