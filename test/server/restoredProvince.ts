/**
 * What "a restored server works as before" means to the backup tests: the staff member signs in with
 * the password they had, sees the report with its revisions and decisions and the round; the phone's
 * token still pulls the report and pushes a new one.
 */
import { rmSync } from 'node:fs';
import { expect } from 'vitest';
import type { ReportingRound } from '../../src/domain/round';
import type { StaffReportView } from '../../src/domain/staff';
import type { PutReportResponse, ReportChangesResponse } from '../../src/domain/sync';
import type { StoreConfig } from '../../src/server/store/open';
import type { StoreKind } from '../../src/server/store/store';
import { api, openTestStore, pushHeaders, sampleReport, TEST_DATABASE_URL } from './helpers';

export interface ProvinceAsItWas {
  staff: { username: string; password: string };
  device: { token: string };
  rootId: string;
  report: { id: string; revision: string; revisions: number; decisions: number };
  roundId: string;
}

export async function expectProvinceWorks(server: { url: string }, was: ProvinceAsItWas): Promise<void> {
  const login = await api<{ token: string }>(server, 'POST', '/api/staff/login', null, was.staff);
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  const staff = { headers: { authorization: `Bearer ${login.body.token}` } };
  const view = await api<StaffReportView>(server, 'GET', `/api/staff/reports/${was.report.id}`, staff);
  expect(view.status).toBe(200);
  expect(view.body.report.revision).toBe(was.report.revision);
  expect(view.body.revisions).toHaveLength(was.report.revisions);
  expect(view.body.decisions).toHaveLength(was.report.decisions);
  const rounds = await api<{ rounds: ReportingRound[] }>(server, 'GET', `/api/staff/nodes/${was.rootId}/rounds`, staff);
  expect(rounds.body.rounds.map((round) => round.id)).toContain(was.roundId);

  const device = { headers: { authorization: `Bearer ${was.device.token}` } };
  const pulled = await api<ReportChangesResponse>(server, 'GET', '/api/reports?since=0', device);
  expect(pulled.status).toBe(200);
  const report = pulled.body.reports.find((candidate) => candidate.document.id === was.report.id);
  expect(report?.revision).toBe(was.report.revision);
  // The phone goes on: a new report of another period (the old one may be accepted, which takes no change).
  const draft = sampleReport({ period: { year: 2024, kind: 'yearly' } });
  const pushed = await fetch(`${server.url}/api/reports/${draft.id}`, { method: 'PUT', headers: pushHeaders(device), body: JSON.stringify(draft) });
  expect(pushed.status, await pushed.clone().text()).toBe(201);
  expect(((await pushed.json()) as PutReportResponse).report.document.id).toBe(draft.id);
}

export function storeConfigOf(server: { kind: StoreKind; sqliteFile?: string; pgSchema?: string }): StoreConfig {
  return server.kind === 'sqlite' ? { kind: 'sqlite', file: server.sqliteFile as string } : { kind: 'postgres', url: TEST_DATABASE_URL as string, schema: server.pgSchema as string };
}

/** An empty store of `kind` to restore into (a file not there yet, or a schema with no table). */
export async function emptyTarget(kind: StoreKind): Promise<{ config: StoreConfig; dispose(): Promise<void> }> {
  const fresh = await openTestStore(kind, { migrate: false });
  await fresh.dispose({ keepData: true });
  if (kind === 'sqlite') rmSync(fresh.sqliteFile as string);
  return { config: storeConfigOf({ kind, ...fresh }), dispose: () => openTestStore(kind, { ...fresh, migrate: false }).then((store) => store.dispose()) };
}
