/**
 * Rate limits stop guessing, not work: a commune union's training session, where every officer's phone
 * enrols through the same Wi-Fi address at the same moment, must not lock itself out; a guesser is
 * stopped after the limit however many guesses he sends at once, from however many addresses he
 * claims behind the proxy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../src/domain/sync';
import { parseTrustProxy, readEnv } from '../../../src/server/env';
import { announcePostgresSkip, startTestServer, type StartTestServerOptions, type TestServer, TEST_DATABASE_URL } from '../helpers';

announcePostgresSkip();

/** Where the limits count: in memory (SQLite's one process), or in the database on both stores (PostgreSQL's default). */
const COUNTS: { name: string; options: StartTestServerOptions; available: boolean }[] = [
  { name: 'in memory', options: { store: 'sqlite', limitCounts: 'memory' }, available: true },
  { name: 'in SQLite', options: { store: 'sqlite', limitCounts: 'database' }, available: true },
  { name: 'in PostgreSQL', options: { store: 'postgres' }, available: Boolean(TEST_DATABASE_URL) },
];

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const json = { 'content-type': 'application/json' };

function enrol(target: TestServer, code: string, deviceName: string, headers: Record<string, string> = {}) {
  return fetch(`${target.url}/api/enrol`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ code, deviceName }) });
}

function login(target: TestServer, username: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${target.url}/api/staff/login`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ username, password }) });
}

/** What nginx (`$proxy_add_x_forwarded_for`) or Caddy forwards: whatever the client wrote, then the address it saw. */
function forwardedFor(clientAddress: string, clientWrote = `198.51.100.${Math.floor(Math.random() * 250)}`) {
  return { 'x-forwarded-for': `${clientWrote}, ${clientAddress}` };
}

for (const { name, options, available } of COUNTS) {
  (available ? describe : describe.skip)(`rate limits count failures, never successes (${name})`, () => {
    it('lets fifteen phones of a training session enrol from one address at the same moment', async () => {
      server = await startTestServer({ ...options, rateLimits: { enrol: { limit: 3, windowMs: 60_000 } } });
      const codes = await Promise.all(Array.from({ length: 15 }, (_, i) => server!.createUnionWithCode({ name: `CĐCS tập huấn ${i + 1}` })));
      const answers = await Promise.all(codes.map(({ code }, i) => enrol(server!, code, `Máy ${i + 1}`)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(15).fill(201));
    });

    it('evaluates no more wrong guesses than the limit when twenty arrive at once, then refuses even a right code', async () => {
      server = await startTestServer({ ...options, rateLimits: { enrol: { limit: 3, windowMs: 60_000 } } });
      const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => enrol(server!, `ZZZZ-ZZ${String(i).padStart(2, '2')}`, 'đoán mò')));
      const statuses = guesses.map((answer) => answer.status).sort();
      expect(statuses).toEqual([...Array(3).fill(400), ...Array(17).fill(429)]);
      const limited = guesses.find((answer) => answer.status === 429)!;
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await limited.json()) as ApiError).error).toBe('rate_limited');

      const { code } = await server.createUnionWithCode();
      expect((await enrol(server, code, 'Máy đến sau')).status).toBe(429);
      server.advanceClock(61_000);
      expect((await enrol(server, code, 'Máy đến sau')).status).toBe(201);
    });

    it('lets a staff member sign in many times at once, but not guess past the limit', async () => {
      server = await startTestServer({ ...options, rateLimits: { login: { limit: 2, windowMs: 60_000 } } });
      const { username, password } = await server.staffSession();
      const together = await Promise.all(Array.from({ length: 6 }, () => login(server!, username, password)));
      expect(together.map((answer) => answer.status)).toEqual(Array(6).fill(200));
      const wrong = [(await login(server, username, 'sai mật khẩu 1')).status, (await login(server, username, 'sai mật khẩu 2')).status];
      expect([...wrong, (await login(server, username, password)).status]).toEqual([401, 401, 429]);
    });

    it('counts a sign-in that names a 20 000-character account, or one with NUL in it, like any other (the key is stored as its digest)', async () => {
      server = await startTestServer({ ...options, rateLimits: { loginAccount: { limit: 1, windowMs: 60_000 } } });
      for (const account of ['đ'.repeat(20_000), 'lan\u0000admin']) {
        const answers = [(await login(server, account, 'đoán 1')).status, (await login(server, account, 'đoán 2')).status];
        expect(answers[0]).toBeLessThan(500);
        expect(answers[0]).not.toBe(429);
        expect(answers[1]).toBe(429);
      }
    });
  });
}

describe('behind a reverse proxy', () => {
  it('keys the limit on the address the proxy saw, not on what the client wrote in X-Forwarded-For', async () => {
    for (const setting of ['127.0.0.1', '1']) {
      server = await startTestServer({ trustProxy: parseTrustProxy(setting), rateLimits: { enrol: { limit: 2, windowMs: 60_000 } } });
      const statuses: number[] = [];
      // Each guess claims a new address of its own; the proxy appends the real one.
      for (let i = 0; i < 4; i++) statuses.push((await enrol(server, 'ZZZZ-ZZZZ', 'đoán mò', forwardedFor('203.0.113.7', `192.0.2.${i}`))).status);
      expect(statuses, `TRUST_PROXY=${setting}`).toEqual([400, 400, 429, 429]);
      // Another officer behind the same proxy is not held up by the guesser.
      const { code } = await server.createUnionWithCode();
      expect((await enrol(server, code, 'Máy chị Lan', forwardedFor('203.0.113.8'))).status, `TRUST_PROXY=${setting}`).toBe(201);
      await server.close();
      server = undefined;
    }
  });

  it('stops wrong passwords for one account that come from many addresses', async () => {
    server = await startTestServer({
      trustProxy: parseTrustProxy('127.0.0.1'),
      rateLimits: { login: { limit: 5, windowMs: 60_000 }, loginAccount: { limit: 3, windowMs: 15 * 60_000 } },
    });
    const { username, password } = await server.staffSession();
    const other = await server.staffSession();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(server, ` ${username.toUpperCase()} `, `đoán ${i}`, forwardedFor(`203.0.113.${10 + i}`))).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // The account waits out its window, whoever asks; another account signs in as usual.
    expect((await login(server, username, password, forwardedFor('203.0.113.99'))).status).toBe(429);
    expect((await login(server, other.username, other.password, forwardedFor('203.0.113.10'))).status).toBe(200);
    server.advanceClock(15 * 60_000 + 1_000);
    expect((await login(server, username, password, forwardedFor('203.0.113.99'))).status).toBe(200);
  });

  it('refuses TRUST_PROXY=true at start and says what to write instead', () => {
    expect(() => readEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true[\s\S]*TRUST_PROXY=127\.0\.0\.1[\s\S]*TRUST_PROXY=1/);
    expect(() => readEnv({ TRUST_PROXY: 'nginx' })).toThrow(/"nginx" is not an IP address/);
    expect(() => readEnv({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(readEnv({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(readEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(readEnv({}).trustProxy).toBe(false);
  });
});
