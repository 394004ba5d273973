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
import type { NodeOverview } from '../../../src/domain/staff';
import type { EnrolResponse } from '../../../src/domain/sync';
import { pushStored, readyReport, startTestServer, type TestServer } from '../helpers';

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
    // The union's record as the command line made it: the phone's profile starts from it.
    expect(enrolled.union).toEqual({ id: union.id, name: 'CĐCS Công ty May Tây Ninh', employer: 'Công ty May Tây Ninh', sector: 'private' });
    expect(enrolled.superior).toEqual({ id: province.id, kind: 'province', name: 'Liên đoàn Lao động tỉnh Tây Ninh', shortName: 'LĐLĐ tỉnh Tây Ninh' });
    // Straight under the province: its province is known, its commune is not.
    expect(enrolled.address).toEqual({ commune: null, province: 'tỉnh Tây Ninh' });
    // Two tsx children take seconds each on a busy machine; the limit only bounds a hang.
  });

  it("lists the unions for the period the staff screens open on: the province's open round, where the phone sent its report", async () => {
    if (!server) throw new Error('the first test starts the server');
    const union = (await admin('create-union', '--name', 'CĐCS Trường Mầm non Hoa Sen', '--code', 'tn-02')) as { id: string };
    const device = await server.enrolDevice({ unionId: union.id });
    const staff = await server.staffSession();
    const opened = await fetch(`${server.url}/api/staff/nodes/${server.root.id}/rounds`, {
      method: 'POST',
      headers: { ...staff.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ period: { year: 2030, kind: 'interim' }, title: 'Sơ kết 3 năm', activities: { from: '2026-01-01', to: '2030-11-30' }, deadline: '2030-11-30' }),
    });
    expect(opened.status).toBe(201);
    await pushStored(server, device, readyReport({ period: { year: 2030, kind: 'interim' } }));
    const listed = (await admin('list-unions')) as NodeOverview;
    expect(listed.period).toEqual({ year: 2030, kind: 'interim' });
    expect(listed.unions.find((line) => line.id === union.id)?.standing).toBe('sent');
    // A year alone is its yearly report.
    expect(((await admin('list-unions', '--year', '2030')) as NodeOverview).period).toEqual({ year: 2030, kind: 'yearly' });
  });
});
