/**
 * The admin command line as a province's script drives it: the province node, a union with its code,
 * a code issued by naming the union's code, and a phone enrolling with it on the server that uses the
 * same data, told which superior it reports to.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { EnrolResponse } from '../../src/domain/sync';
import { startTestServer, type TestServer } from './helpers';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'bao-cao-cli-'));

async function admin(...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/server/cli/admin.ts', ...args, '--json'], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
  });
  return JSON.parse(stdout);
}

describe('admin command line', () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.close({ keepData: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a union with code, employer and sector, issues a code by the union code, and a phone enrols with it', async () => {
    const province = (await admin('create-node', '--kind', 'province', '--name', 'Liên đoàn Lao động tỉnh Tây Ninh', '--short-name', 'LĐLĐ tỉnh Tây Ninh')) as { id: string };
    const union = (await admin('create-union', '--name', 'CĐCS Công ty May Tây Ninh', '--code', 'tn-01', '--employer', 'Công ty May Tây Ninh', '--sector', 'private')) as {
      id: string;
      code: string;
    };
    expect(union).toMatchObject({ code: 'TN-01', employer: 'Công ty May Tây Ninh', sector: 'private' });
    const issued = (await admin('issue-code', '--union', 'tn-01', '--max-uses', '2')) as { code: string; unionId: string; maxUses: number };
    expect(issued).toMatchObject({ unionId: union.id, maxUses: 2 });
    expect(issued.code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);

    server = await startTestServer({ sqliteFile: join(dataDir, 'bao-cao-cdcs.sqlite') });
    const response = await fetch(`${server.url}/api/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: issued.code, deviceName: 'Máy chủ tịch' }),
    });
    expect(response.status).toBe(201);
    const enrolled = (await response.json()) as EnrolResponse;
    expect(enrolled.union).toEqual({ id: union.id, name: 'CĐCS Công ty May Tây Ninh' });
    expect(enrolled.superior).toEqual({ id: province.id, kind: 'province', name: 'Liên đoàn Lao động tỉnh Tây Ninh', shortName: 'LĐLĐ tỉnh Tây Ninh' });
    // Two tsx children take seconds each on a busy machine; the limit only bounds a hang.
  });
});
