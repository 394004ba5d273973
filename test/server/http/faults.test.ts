/** The server's own faults: a 500 in our format, without a stack trace, SQL or path. */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app';
import { openTestStore, pushHeaders, sampleReport } from '../helpers';

describe('a fault on the server side', () => {
  it('answers 500 internal in the JSON error format and leaks nothing of the cause', async () => {
    const opened = await openTestStore('sqlite');
    const app = await buildApp({ store: opened.store, distDir: null });
    try {
      // The database goes away under a running server (disk pulled, file deleted…).
      await opened.store.close();
      const report = sampleReport();
      const answer = await app.inject({
        method: 'PUT',
        url: `/api/reports/${report.id}`,
        headers: pushHeaders({ headers: { authorization: 'Bearer abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' } }),
        payload: JSON.stringify(report),
      });
      expect(answer.statusCode).toBe(500);
      expect(answer.json()).toEqual({ error: 'internal', message: 'The server could not answer; try again later.' });
      expect(answer.body).not.toMatch(/sqlite|database|\.ts|\bat\b/i);
      // A monitor asking for health learns that the store is gone.
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ error: 'internal' });
    } finally {
      await app.close();
      await opened.dispose().catch(() => undefined);
    }
  });
});
