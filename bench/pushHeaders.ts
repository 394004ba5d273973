/** The headers of a device's push, as the app sends them: a new Idempotency-Key, chained on the revision it last saw. */
import { randomUUID } from 'node:crypto';

export function pushHeaders(token: string, revision: string | null): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    'idempotency-key': randomUUID(),
    ...(revision === null ? { 'if-none-match': '*' } : { 'if-match': `"${revision}"` }),
  };
}
