/**
 * A path that does not percent-decode (`/api/%zz`) is refused by Fastify's router before any route
 * or hook of ours runs its handler: the answer must still be the API's, with its headers and our
 * JSON error code, like every other /api answer (a 404 included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_HEADERS } from '../../../src/server/http/headers';
import { announcePostgresSkip, startTestServer, STORE_KINDS, type TestServer } from '../helpers';

announcePostgresSkip();

for (const { kind, available } of STORE_KINDS) {
  (available ? describe : describe.skip)(`malformed API URLs on ${kind}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ store: kind });
    });
    afterAll(async () => {
      await server?.close();
    });

    async function expectApiAnswer(path: string, status: number, code: string): Promise<void> {
      const response = await fetch(`${server.url}${path}`, { headers: { origin: 'https://example.org' } });
      const text = await response.text();
      expect(response.status, `${path}: ${text}`).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(text)).toMatchObject({ error: code });
      for (const [name, value] of Object.entries(API_HEADERS)) expect(response.headers.get(name), `${path}: ${name}`).toBe(value);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }

    it('answers GET /api/%zz as the API answers: 400 bad_request with the API headers', async () => {
      await expectApiAnswer('/api/%zz', 400, 'bad_request');
      await expectApiAnswer('/api/reports/%zz%', 400, 'bad_request');
    });

    it('answers an unknown /api path with 404 not_found and the API headers', async () => {
      await expectApiAnswer('/api/nothing-here', 404, 'not_found');
    });
  });
}
