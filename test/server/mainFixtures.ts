/**
 * The databases earlier versions of main wrote (test/server/fixtures/README.md), for the upgrade and
 * restore tests: a fixture's SQL dump made into the SQLite file that server kept, its rows loaded into a
 * PostgreSQL schema at its version, what a user depends on in it (read before any migration, so a test
 * can say every record came back with its content), and — for main-0011, written by the landed main
 * 8a22e3f — what its staff and phones were answered then, to hold today's answers against.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { NodeOverview, OverviewSummary, StaffReportView } from '../../src/domain/staff';
import type { ReportChangesResponse } from '../../src/domain/sync';
import type { Store } from '../../src/server/store/store';
import { api, openTestStore } from './helpers';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The fixture `name` (main-0016, main-0020, main-0011) as the SQLite database file its server kept. */
export function writeFixtureDatabase(name: string, file: string): void {
  const database = new BetterSqlite3(file);
  try {
    database.exec(readFileSync(join(FIXTURES, `${name}.sql`), 'utf8'));
  } finally {
    database.close();
  }
}

type Row = Record<string, unknown>;

/**
 * The tables a user depends on, each row by its key, with the columns that must come back as they were
 * written. Columns a later version rightly changes (a device's last sight, a report's change number, a
 * password hash upgraded at sign-in) are left out.
 */
const KEPT: { table: string; key: string[]; content: string[] }[] = [
  { table: 'nodes', key: ['id'], content: ['kind', 'name', 'short_name', 'parent_id', 'path'] },
  { table: 'unions', key: ['id'], content: ['name', 'superior_id'] },
  { table: 'staff', key: ['id'], content: ['username', 'node_id', 'role'] },
  { table: 'devices', key: ['id'], content: ['union_id', 'name', 'token_hash', 'revoked_at'] },
  { table: 'enrolment_codes', key: ['id'], content: ['union_id', 'code_hash', 'expires_at', 'max_uses', 'uses', 'revoked_at'] },
  { table: 'reports', key: ['id'], content: ['union_id', 'year', 'kind', 'revision', 'document', 'review', 'superior_id'] },
  { table: 'report_revisions', key: ['report_id', 'revision'], content: ['document'] },
  { table: 'review_decisions', key: ['report_id', 'revision', 'status'], content: ['comment', 'decided_at', 'staff_id', 'staff_username'] },
  {
    table: 'reporting_rounds',
    key: ['id'],
    content: ['node_id', 'year', 'kind', 'title', 'plan', 'activities_from', 'activities_to', 'deadline', 'opened_at', 'closed_at'],
  },
];

/** Per table, each row's key (its key columns joined) and its kept columns, as text (each store gives its own number types). */
export type Records = Record<string, Record<string, (string | null)[]>>;

function recordsOf(rowsOf: (table: string, columns: string[]) => Row[]): Records {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return Object.fromEntries(
    KEPT.map(({ table, key, content }) => [
      table,
      Object.fromEntries(rowsOf(table, [...key, ...content]).map((row) => [key.map((column) => text(row[column])).join(':'), content.map((column) => text(row[column]))])),
    ]),
  );
}

/** What the fixture's SQLite file holds, read with no migration run. */
export function recordsInFile(file: string): Records {
  const database = new BetterSqlite3(file, { readonly: true });
  try {
    return recordsOf((table, columns) => database.prepare(`select ${columns.map((column) => `"${column}"`).join(', ')} from "${table}"`).all() as Row[]);
  } finally {
    database.close();
  }
}

/** What a store holds now, in the same shape. */
export async function recordsInStore(store: Store): Promise<Records> {
  const rows = new Map<string, Row[]>();
  for (const { table, key, content } of KEPT)
    rows.set(table, (await sql<Row>`select ${sql.join([...key, ...content].map((column) => sql.ref(column)))} from ${sql.table(table)}`.execute(store.db)).rows);
  return recordsOf((table) => rows.get(table) ?? []);
}

/** A fixture whose JSON holds every table's rows, parents first (main-0011). */
export interface FixtureRows {
  migratedTo: string;
  tables: Record<string, Row[]>;
}

/**
 * The fixture's rows in a new PostgreSQL schema migrated to the fixture's version with this version's
 * migrations (which never change once shipped): the database a PostgreSQL server of that version held.
 */
export async function fixtureInPostgres(dump: FixtureRows): Promise<string> {
  const opened = await openTestStore('postgres', { migrate: false });
  await opened.store.migrate({ to: dump.migratedTo });
  for (const [table, rows] of Object.entries(dump.tables)) if (rows.length > 0) await opened.store.db.insertInto(table as never).values(rows as never).execute();
  await opened.dispose({ keepData: true });
  return opened.pgSchema as string;
}

/** What the server of 8a22e3f answered its staff and phones when it wrote main-0011 (the fixture's `saw`). */
export interface AnswersThen {
  overviews: { nodeId: string; query: string; summary: OverviewSummary; standings: Record<string, string> }[];
  reportViews: Record<string, { revision: string; reviewStatus: string | null; revisions: number[]; decisions: { status: string; comment: string; revision: string | null }[] }>;
  feeds: Record<string, [string, string][]>;
}

/**
 * Today's server answers as that version did: each staff account signs in with the password it had; the
 * overviews give the same figures and standings; each report its revision, its revisions and its
 * decisions with their comments; each phone's token pulls the reports at the revisions it had.
 */
export async function expectAnswersAsThen(
  server: { url: string },
  then: AnswersThen,
  accounts: { username: string; password: string }[],
  phones: Record<string, { token: string }>,
): Promise<void> {
  let staff: { headers: Record<string, string> } | undefined;
  for (const account of accounts) {
    const login = await api<{ token: string }>(server, 'POST', '/api/staff/login', null, account);
    expect(login.status, `${account.username}: ${JSON.stringify(login.body)}`).toBe(200);
    staff ??= { headers: { authorization: `Bearer ${login.body.token}` } };
  }
  for (const { nodeId, query, summary, standings } of then.overviews) {
    const overview = await api<NodeOverview>(server, 'GET', `/api/staff/nodes/${nodeId}/overview?${query}`, staff ?? null);
    expect(overview.status, JSON.stringify(overview.body)).toBe(200);
    expect(overview.body.summary, `${nodeId} ${query}`).toMatchObject(summary);
    expect(Object.fromEntries(overview.body.unions.map((line) => [line.id, line.standing])), `${nodeId} ${query}`).toEqual(standings);
  }
  for (const [id, was] of Object.entries(then.reportViews)) {
    const view = await api<StaffReportView>(server, 'GET', `/api/staff/reports/${id}`, staff ?? null);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect({
      revision: view.body.report.revision,
      reviewStatus: view.body.report.review?.status ?? null,
      revisions: view.body.revisions.map((revision) => revision.revision),
      decisions: view.body.decisions.map((decision) => ({ status: decision.status, comment: decision.comment, revision: decision.revision })),
    }).toEqual(was);
  }
  for (const [name, reports] of Object.entries(then.feeds)) {
    const feed = await api<ReportChangesResponse>(server, 'GET', '/api/reports?since=0', { headers: { authorization: `Bearer ${phones[name]?.token}` } });
    expect(feed.status, JSON.stringify(feed.body)).toBe(200);
    expect(feed.body.reports.map((report) => [report.document.id, report.revision]).sort(), name).toEqual([...reports].sort());
  }
}
