/**
 * Nothing is lost on the way to reports by form (migration 0021_reports_by_form): a database as the
 * server of main wrote it at 0020 (test/server/fixtures/main-0020.sql: reports drafted, sent, returned
 * and accepted, their revisions and decisions, two rounds) migrates on both stores — SQLite in place,
 * PostgreSQL through the restore of that file — and keeps every row; every report and round answers
 * Plan 94, each report's numeric rows are in report_values, and a phone of that time (its documents
 * name no form) keeps pulling and pushing its Plan 94 report.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReportDocument } from '../../../src/domain/report';
import type { NodeOverview } from '../../../src/domain/staff';
import type { ReportChangesResponse } from '../../../src/domain/sync';
import { restoreBackup } from '../../../src/server/services/backups';
import { formValueRows } from '../../../src/server/store/reportValues';
import { api, describeOnEachStore, pushStored, startTestServer, type TestServer } from '../helpers';
import { emptyTarget } from '../restoredProvince';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const fixture = JSON.parse(readFileSync(join(FIXTURES, 'main-0020.json'), 'utf8')) as {
  staff: { username: string; password: string };
  device: { id: string; token: string; unionId: string };
  communeId: string;
  reports: Record<'accepted' | 'returned' | 'ready' | 'draft', string>;
  counts: Record<'reports' | 'report_revisions' | 'review_decisions' | 'reporting_rounds', number>;
  roundIds: string[];
};
const folder = mkdtempSync(join(tmpdir(), 'bao-cao-0020-'));
const written = join(folder, 'main-0020.sqlite');

/** What 0020 held, read before any migration: every row's key, and each report's document. */
let before: { keys: Record<string, string[]>; documents: Map<string, string> };

const KEYS = {
  reports: 'id',
  report_revisions: "report_id || ':' || revision",
  review_decisions: "report_id || ':' || revision || ':' || status",
  reporting_rounds: 'id',
} as const;

beforeAll(() => {
  const database = new BetterSqlite3(written);
  database.exec(readFileSync(join(FIXTURES, 'main-0020.sql'), 'utf8'));
  const keys = Object.fromEntries(
    Object.entries(KEYS).map(([table, key]) => [table, (database.prepare(`select ${key} as k from ${table} order by 1`).all() as { k: string }[]).map((row) => row.k)]),
  );
  const documents = new Map((database.prepare('select id, document from reports').all() as { id: string; document: string }[]).map((row) => [row.id, row.document]));
  database.close();
  before = { keys, documents };
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function keysNow(server: TestServer): Promise<Record<string, string[]>> {
  const db = server.store.db;
  return {
    reports: (await db.selectFrom('reports').select('id').execute()).map((row) => row.id).sort(),
    report_revisions: (await db.selectFrom('report_revisions').select(['report_id', 'revision']).execute()).map((row) => `${row.report_id}:${Number(row.revision)}`).sort(),
    review_decisions: (await db.selectFrom('review_decisions').select(['report_id', 'revision', 'status']).execute()).map((row) => `${row.report_id}:${Number(row.revision)}:${row.status}`).sort(),
    reporting_rounds: (await db.selectFrom('reporting_rounds').select('id').execute()).map((row) => row.id).sort(),
  };
}

describeOnEachStore(
  (kind) => `a database of main at 0020 migrated to reports by form (${kind})`,
  (kind) => {
    let server: TestServer;
    let dispose: () => Promise<void> = async () => {};

    beforeAll(async () => {
      if (kind === 'sqlite') {
        // In place, as a server upgraded on its own file does (0021 rebuilds two tables on SQLite).
        const file = join(folder, 'upgraded.sqlite');
        copyFileSync(written, file);
        server = await startTestServer({ store: 'sqlite', sqliteFile: file });
      } else {
        const target = await emptyTarget(kind);
        await restoreBackup(written, target.config, { force: false });
        server = await startTestServer({ store: kind, pgSchema: target.config.kind === 'postgres' ? (target.config.schema as string) : undefined });
        dispose = () => target.dispose();
      }
    });
    afterAll(async () => {
      await server?.close({ keepData: true });
      await dispose();
    });

    it('keeps every report, revision, decision and round, each answering Plan 94, with its values for the roll-ups', async () => {
      expect(before.keys.reports).toHaveLength(fixture.counts.reports);
      expect(before.keys.report_revisions).toHaveLength(fixture.counts.report_revisions);
      expect(before.keys.review_decisions).toHaveLength(fixture.counts.review_decisions);
      expect(before.keys.reporting_rounds).toHaveLength(fixture.counts.reporting_rounds);
      expect(await keysNow(server)).toEqual(Object.fromEntries(Object.entries(before.keys).map(([table, keys]) => [table, [...keys].sort()])));

      const reports = await server.store.db.selectFrom('reports').select(['id', 'form_id', 'form_version', 'document', 'year', 'kind']).execute();
      for (const report of reports) {
        expect([report.form_id, Number(report.form_version)]).toEqual(['ke-hoach-94', 1]);
        expect(report.document).toBe(before.documents.get(report.id));
        const expected = formValueRows(report.id, JSON.parse(report.document) as ReportDocument, { year: Number(report.year), kind: report.kind });
        const stored = await server.store.db.selectFrom('report_values').selectAll().where('report_id', '=', report.id).orderBy('code').execute();
        expect(stored.map((row) => ({ ...row, year: Number(row.year), number: Number(row.number), weight: row.weight === null ? null : Number(row.weight) }))).toEqual(
          [...expected].sort((a, b) => a.code.localeCompare(b.code)),
        );
      }
      // The sent reports had figures: their values are there.
      const valued = await server.store.db.selectFrom('report_values').select('report_id').distinct().execute();
      expect(valued.map((row) => row.report_id).sort()).toEqual([fixture.reports.accepted, fixture.reports.returned, fixture.reports.ready].sort());

      const rounds = await server.store.db.selectFrom('reporting_rounds').select(['form_id', 'form_version']).execute();
      expect(rounds.map((round) => [round.form_id, Number(round.form_version)])).toEqual(fixture.roundIds.map(() => ['ke-hoach-94', 1]));
    });

    it('lets a phone of that time pull and push its Plan 94 report, and the staff read the period as before', async () => {
      const phone = { headers: { authorization: `Bearer ${fixture.device.token}` } };
      const feed = await api<ReportChangesResponse>(server, 'GET', '/api/reports?since=0', phone);
      expect(feed.status, JSON.stringify(feed.body)).toBe(200);
      expect(feed.body.reports.map((report) => report.document.id).sort()).toEqual([fixture.reports.accepted, fixture.reports.returned, fixture.reports.ready].sort());
      expect(feed.body.reports.every((report) => !('form' in report.document))).toBe(true);
      expect(feed.body.rounds?.map((round) => round.form)).toEqual(feed.body.rounds?.map(() => ({ id: 'ke-hoach-94', version: 1 })));
      expect(feed.body.forms).toEqual([]);

      // The returned report, corrected and sent again by the old phone (its document names no form).
      const returned = feed.body.reports.find((report) => report.document.id === fixture.reports.returned)!;
      const corrected: ReportDocument = { ...returned.document, dissemination: { sessions: 5, attendance: 120 } };
      expect('form' in corrected).toBe(false);
      const revision = await pushStored(server, phone, corrected, returned.revision);
      expect(revision).toBe(String(Number(returned.revision) + 1));
      const values = await server.store.db.selectFrom('report_values').select(['code', 'number']).where('report_id', '=', fixture.reports.returned).orderBy('code').execute();
      expect(values.map((row) => [row.code, Number(row.number)])).toEqual([
        ['TUYEN_TRUYEN_BUOI', 5],
        ['TUYEN_TRUYEN_LUOT', 120],
      ]);
      const again = await api<ReportChangesResponse>(server, 'GET', `/api/reports?since=${feed.body.cursor}`, phone);
      expect(again.body.reports.map((report) => [report.document.id, report.revision])).toEqual([[fixture.reports.returned, revision]]);

      const login = await api<{ token: string }>(server, 'POST', '/api/staff/login', null, fixture.staff);
      const staff = { headers: { authorization: `Bearer ${login.body.token}` } };
      const overview = await api<NodeOverview>(server, 'GET', `/api/staff/nodes/${fixture.communeId}/overview?year=2026&kind=yearly`, staff);
      expect(overview.status, JSON.stringify(overview.body)).toBe(200);
      expect(overview.body.summary).toMatchObject({ unions: 2, reported: 1, accepted: 1, workers: 431, members: 390 });
    });
  },
);
