/**
 * Rate limits stop guessing, not work: a district's training session, where every officer's phone
 * enrols through the same Wi-Fi address within a minute, must not lock itself out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/domain/sync';
import { startTestServer, type TestServer } from './helpers';

describe('rate limits count failures, not successes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimits: { enrol: { limit: 3, windowMs: 60_000 }, login: { limit: 2, windowMs: 60_000 } } });
  });
  afterAll(async () => {
    await server?.close();
  });

  const enrol = (code: string, deviceName: string) =>
    fetch(`${server.url}/api/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName }) });

  it('lets eight phones of a training session enrol from one address, then still stops a guesser after the limit', async () => {
    const statuses: number[] = [];
    for (let phone = 1; phone <= 8; phone++) {
      const { code } = await server.createUnionWithCode({ name: `CĐCS tập huấn ${phone}` });
      statuses.push((await enrol(code, `Máy ${phone}`)).status);
    }
    expect(statuses).toEqual(Array(8).fill(201));

    const guesses: number[] = [];
    for (let i = 0; i < 4; i++) guesses.push((await enrol('ZZZZ-ZZZZ', 'đoán mò')).status);
    expect(guesses).toEqual([400, 400, 400, 429]);
    // Even a right code waits out the window once the address is limited.
    const { code } = await server.createUnionWithCode();
    const blocked = await enrol(code, 'Máy đến sau');
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as ApiError).error).toBe('rate_limited');
  });

  it('lets a district user sign in again and again, but not guess more than the limit', async () => {
    const { username, password } = await server.staffSession();
    const login = (secret: string) =>
      fetch(`${server.url}/api/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: secret }),
      });
    for (let i = 0; i < 4; i++) expect((await login(password)).status).toBe(200);
    expect([(await login('sai mật khẩu 1')).status, (await login('sai mật khẩu 2')).status, (await login(password)).status]).toEqual([401, 401, 429]);
  });
});
