/** The real entry points as a province's server runs them: `main.ts` (start, serve, SIGTERM) and the admin command line. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../../src/server/env';
import { issueEnrolmentCode } from '../../src/server/services/devices';
import { createRootNode, createUnion } from '../../src/server/services/organisation';
import { CONSOLE } from '../../src/server/services/staff';
import { openStore } from '../../src/server/store/open';
import { sampleReport, startTestServer } from './helpers';

const ROOT = join(import.meta.dirname, '..', '..');
/**
 * Each child starts tsx and compiles the server (seconds each on a busy machine; the admin test runs
 * eight in a row). Nothing here waits on a clock: this only bounds a hang, so it is generous.
 */
const PROCESS_TEST_TIMEOUT_MS = 180_000;

function run(script: string, args: string[], env: Record<string, string>): ChildProcess {
  const { TEST_DATABASE_URL: _ignored, DATABASE_URL: _alsoIgnored, ...parentEnv } = process.env;
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: { ...parentEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a child's output; resolves `waitFor(pattern)` as soon as a line matches. */
function watch(child: ChildProcess) {
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = stdout.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    check();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    waitFor: (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        waiters.push({ pattern, resolve });
        check();
        void exited.then((code) => reject(new Error(`exited (${code}) before ${pattern}: ${stdout}\n${stderr}`)));
      }),
    exited,
    output: () => ({ stdout, stderr }),
  };
}

async function runToEnd(script: string, args: string[], env: Record<string, string>) {
  const child = run(script, args, env);
  const watched = watch(child);
  const code = await watched.exited;
  return { code, ...watched.output() };
}

describe('main.ts', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the SQLite database on first start, and on SIGTERM finishes the request in flight before closing', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bao-cao-main-'));
    child = run('src/server/main.ts', [], {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIST_DIR: join(dataDir, 'no-dist'),
      LOG_LEVEL: 'info',
    });
    const server = watch(child);
    const [, url] = await server.waitFor(/listening on (http:\/\/\S+)/);
    const file = join(dataDir, SQLITE_FILE_NAME);
    expect(existsSync(file)).toBe(true);
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: 'ok', store: 'sqlite', lastBackup: null });

    // Enrol a device through the running server, with a code issued into the same database file.
    const side = openStore({ kind: 'sqlite', file });
    const context = { store: side, now: () => new Date() };
    const province = await createRootNode(context, { kind: 'province', name: 'Liên đoàn Lao động tỉnh Thử' });
    const union = await createUnion(context, CONSOLE, { name: 'CĐCS Thử tắt máy', superiorId: province.id });
    const { code } = await issueEnrolmentCode(context, CONSOLE, union.id, {});
    await side.close();
    const enrolled = (await (
      await fetch(`${url}/api/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'Máy' }) })
    ).json()) as { token: string };

    // A push whose body is only half sent when SIGTERM arrives.
    const report = sampleReport();
    const body = Buffer.from(JSON.stringify(report));
    const target = new URL(`${url}/api/reports/${report.id}`);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const push = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'PUT',
          headers: {
            authorization: `Bearer ${enrolled.token}`,
            'content-type': 'application/json',
            'content-length': body.length,
            'idempotency-key': 'sigterm-push',
            'if-none-match': '*',
            expect: '100-continue',
          },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        },
      );
      push.on('error', reject);
      // "100 Continue" proves the server holds the request; now stop the server mid-request.
      push.on('continue', () => {
        push.write(body.subarray(0, 100));
        child?.kill('SIGTERM');
        void server.waitFor(/closing: finishing requests in flight/).then(() => push.end(body.subarray(100)));
      });
    });
    const finished = await answer;
    expect(finished.status).toBe(201);
    expect(JSON.parse(finished.text)).toMatchObject({ report: { revision: '1' } });
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toMatch(/"msg":"closed"/);

    // The store was closed cleanly and kept the push.
    const reopened = openStore({ kind: 'sqlite', file });
    try {
      expect(await reopened.findReport(report.id)).toMatchObject({ revision: 1 });
    } finally {
      await reopened.close();
    }
  }, PROCESS_TEST_TIMEOUT_MS);

  it('refuses to start with a malformed environment, saying which variable', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bao-cao-main-'));
    const result = await runToEnd('src/server/main.ts', [], { PORT: 'tám nghìn', DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PORT/);
  }, PROCESS_TEST_TIMEOUT_MS);
});

describe('admin command line', () => {
  let dataDir: string;
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates the province, a commune union and a CĐCS, moves it, issues a code a device can enrol with, creates staff, and lists unions as JSON', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bao-cao-admin-'));
    const env = { DATA_DIR: dataDir };
    const admin = (...args: string[]) => runToEnd('src/server/cli/admin.ts', args, env);

    const help = await admin('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/create-node[\s\S]*create-staff[\s\S]*create-union[\s\S]*move-union[\s\S]*issue-code[\s\S]*revoke-device[\s\S]*list-unions/);

    // No database yet: the command line says so and how a tree starts, and creates nothing.
    const noTree = await admin('create-union', '--name', 'CĐCS Công ty Điện lực', '--json');
    expect(noTree.code).toBe(1);
    expect(JSON.parse(noTree.stderr)).toMatchObject({ error: 'no_database' });
    expect(noTree.stderr).toMatch(/create-node --kind province/);
    const province = await admin('create-node', '--kind', 'province', '--name', 'Liên đoàn Lao động tỉnh Tây Ninh', '--code', 'tn', '--json');
    expect(province.code).toBe(0);
    const commune = await admin('create-node', '--parent', 'TN', '--kind', 'upper_commune', '--name', 'Công đoàn phường Tân Ninh', '--code', 'TN-TANNINH', '--json');
    expect(commune.code).toBe(0);
    const communeId = (JSON.parse(commune.stdout) as { id: string }).id;
    const union = await admin('create-union', '--name', 'CĐCS Công ty Điện lực', '--code', 'DL-01', '--json');
    expect(union.code).toBe(0);
    const { id } = JSON.parse(union.stdout) as { id: string };
    const moved = await admin('move-union', '--union', 'dl-01', '--to', 'tn-tanninh', '--json');
    expect(moved.code).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({ union: { id, superiorId: communeId }, move: { effectiveDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), movedBy: null } });
    const tree = await admin('list-nodes');
    expect(tree.stdout).toMatch(/Liên đoàn Lao động tỉnh Tây Ninh[^\n]*\n {2}Công đoàn phường Tân Ninh/);

    const issued = await admin('issue-code', '--union', id, '--max-uses', '2', '--json');
    expect(issued.code).toBe(0);
    const { code, maxUses } = JSON.parse(issued.stdout) as { code: string; maxUses: number };
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(maxUses).toBe(2);

    const staffArgs = ['create-staff', '--node', 'TN-TANNINH', '--role', 'reviewer', '--username', 'lan'];
    const noPassword = await admin(...staffArgs, '--json');
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(/--password[\s\S]*ADMIN_PASSWORD/);
    const weak = await runToEnd('src/server/cli/admin.ts', staffArgs, { ...env, ADMIN_PASSWORD: 'ngắn' });
    expect(weak.code).toBe(1);
    const user = await runToEnd('src/server/cli/admin.ts', [...staffArgs, '--json'], {
      ...env,
      ADMIN_PASSWORD: 'một mật khẩu đủ dài',
    });
    expect(user.code).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({ username: 'lan', role: 'reviewer', nodeId: communeId });

    const missing = await admin('revoke-device', '--device', 'no-such-device', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: 'not_found' });

    // The server on the same data accepts the code and the staff member.
    const server = await startTestServer({ sqliteFile: join(dataDir, SQLITE_FILE_NAME) });
    try {
      const enrol = await fetch(`${server.url}/api/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, deviceName: 'Máy anh Tuấn' }),
      });
      expect(enrol.status).toBe(201);
      const login = await fetch(`${server.url}/api/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'lan', password: 'một mật khẩu đủ dài' }),
      });
      expect(login.status).toBe(200);
    } finally {
      await server.close({ keepData: true });
    }

    const listed = await admin('list-unions', '--year', '2025', '--kind', 'yearly', '--json');
    expect(listed.code).toBe(0);
    const overview = JSON.parse(listed.stdout) as { unions: { id: string; activeDevices: number; standing: string }[] };
    expect(overview.unions).toEqual([expect.objectContaining({ id, activeDevices: 1, standing: 'missing' })]);
  }, PROCESS_TEST_TIMEOUT_MS);
});
