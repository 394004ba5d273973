/**
 * Nothing is lost on the way to reports by form (migration 0021_reports_by_form and after), from two
 * databases of main (test/server/fixtures/README.md): main-0011, written by the landed main 8a22e3f
 * (drafted, sent, returned, sent again and accepted reports of two years, their revisions and decisions,
 * an open and a closed round, two staff accounts, two phones), and main-0020, written by a session
 * commit at 0020. Each migrates on both stores — SQLite in place; PostgreSQL in place from main-0011's
 * rows in a schema at 0011, through the restore of the file for main-0020 — and keeps every report,
 * revision, decision and round with its content; every report and round answers Plan 94, each counted
 * report's numeric rows are in report_values, the staff sign in with the passwords they had and read
 * what they read then, and a phone of that time (its documents name no form) keeps pulling and pushing
 * its Plan 94 report with the token it had.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReportDocument } from '../../../src/domain/report';
import type { NodeOverview, OverviewSummary } from '../../../src/domain/staff';
import type { ReportChangesResponse } from '../../../src/domain/sync';
import { restoreBackup } from '../../../src/server/services/backups';
import { formValueRows } from '../../../src/server/store/reportValues';
import { api, describeOnEachStore, pushStored, startTestServer, type TestServer } from '../helpers';
import { type AnswersThen, expectAnswersAsThen, FIXTURES, fixtureInPostgres, type FixtureRows, type Records, recordsInFile, recordsInStore, writeFixtureDatabase } from '../mainFixtures';
import { emptyTarget } from '../restoredProvince';

/** One fixture, and what the test needs to know of it. */
interface UpgradeCase {
  name: string;
  /** For the test's title: which version wrote it. */
  writer: string;
  /** How the PostgreSQL store gets the fixture: its rows in a schema at its version, or a restore of its file. */
  postgres: { rows: FixtureRows } | 'restore';
  counts: Record<'reports' | 'report_revisions' | 'review_decisions' | 'reporting_rounds', number>;
  /** The reports the roll-ups count (sent or decided): those with rows in report_values. */
  counted: string[];
  staff: { username: string; password: string }[];
  /** A phone of that time: its token, the reports its feed gives, and a returned report it corrects and sends again. */
  phone: { token: string; reports: string[]; returned: string };
  /** Figures the staff read, on a node for a period. */
  overview: { nodeId: string; query: string; summary: Partial<OverviewSummary> };
  /** What that version answered (main-0011 only). */
  then?: { answers: AnswersThen; phones: Record<string, { token: string }> };
}

const read = (name: string) => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, never>;

const main0011 = read('main-0011') as unknown as FixtureRows & {
  staff: Record<'admin' | 'reviewer', { username: string; password: string }>;
  devices: Record<'garment' | 'electronics', { token: string }>;
  nodes: { commune: string };
  reports: Record<'accepted' | 'acceptedAfterReturn' | 'draft' | 'returned' | 'resent' | 'sent', string>;
  counts: UpgradeCase['counts'];
  saw: AnswersThen;
};
const main0020 = read('main-0020') as unknown as {
  staff: { username: string; password: string };
  device: { token: string };
  communeId: string;
  reports: Record<'accepted' | 'returned' | 'ready' | 'draft', string>;
  counts: UpgradeCase['counts'];
};

const CASES: UpgradeCase[] = [
  {
    name: 'main-0011',
    writer: 'the landed main 8a22e3f, at 0011',
    postgres: { rows: main0011 },
    counts: {
      reports: main0011.counts.reports,
      report_revisions: main0011.counts.report_revisions,
      review_decisions: main0011.counts.review_decisions,
      reporting_rounds: main0011.counts.reporting_rounds,
    },
    counted: [main0011.reports.accepted, main0011.reports.acceptedAfterReturn, main0011.reports.returned, main0011.reports.resent, main0011.reports.sent],
    staff: [main0011.staff.admin, main0011.staff.reviewer],
    phone: { token: main0011.devices.electronics.token, reports: [main0011.reports.returned, main0011.reports.resent, main0011.reports.sent], returned: main0011.reports.returned },
    overview: { nodeId: main0011.nodes.commune, query: 'year=2026&kind=yearly', summary: { unions: 2, reported: 1, accepted: 1, workers: 431, members: 390 } },
    then: { answers: main0011.saw, phones: main0011.devices },
  },
  {
    name: 'main-0020',
    writer: 'a session commit at 0020 that did not land',
    postgres: 'restore',
    counts: main0020.counts,
    counted: [main0020.reports.accepted, main0020.reports.returned, main0020.reports.ready],
    staff: [main0020.staff],
    phone: { token: main0020.device.token, reports: [main0020.reports.accepted, main0020.reports.returned, main0020.reports.ready], returned: main0020.reports.returned },
    overview: { nodeId: main0020.communeId, query: 'year=2026&kind=yearly', summary: { unions: 2, reported: 1, accepted: 1, workers: 431, members: 390 } },
  },
];

const folder = mkdtempSync(join(tmpdir(), 'bao-cao-main-upgrade-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

for (const fixture of CASES) {
  const written = join(folder, `${fixture.name}.sqlite`);
  /** What the fixture held, read before any migration. */
  let before: Records;
  beforeAll(() => {
    writeFixtureDatabase(fixture.name, written);
    before = recordsInFile(written);
  });

  describeOnEachStore(
    (kind) => `a database of ${fixture.name} (${fixture.writer}) migrated to reports by form (${kind})`,
    (kind) => {
      let server: TestServer;
      let dispose: () => Promise<void> = async () => {};

      beforeAll(async () => {
        if (kind === 'sqlite') {
          // In place, as a server upgraded on its own file does (0021 rebuilds two tables on SQLite).
          const file = join(folder, `${fixture.name}-upgraded.sqlite`);
          copyFileSync(written, file);
          server = await startTestServer({ store: 'sqlite', sqliteFile: file });
        } else if (fixture.postgres === 'restore') {
          const target = await emptyTarget(kind);
          await restoreBackup(written, target.config, { force: false });
          server = await startTestServer({ store: kind, pgSchema: target.config.kind === 'postgres' ? (target.config.schema as string) : undefined });
          dispose = () => target.dispose();
        } else {
          // In place, as a PostgreSQL server of that version upgraded on its own schema does.
          server = await startTestServer({ store: kind, pgSchema: await fixtureInPostgres(fixture.postgres.rows) });
        }
      });
      afterAll(async () => {
        await server?.close({ keepData: fixture.postgres === 'restore' || kind === 'sqlite' });
        await dispose();
      });

      it('keeps every report, revision, decision and round with its content, each answering Plan 94, with its values for the roll-ups', async () => {
        for (const [table, count] of Object.entries(fixture.counts)) expect(Object.keys(before[table] ?? {}), table).toHaveLength(count);
        expect(await recordsInStore(server.store)).toEqual(before);

        const reports = await server.store.db.selectFrom('reports').select(['id', 'form_id', 'form_version', 'document', 'year', 'kind']).execute();
        for (const report of reports) {
          expect([report.form_id, Number(report.form_version)]).toEqual(['ke-hoach-94', 1]);
          const expected = fixture.counted.includes(report.id)
            ? formValueRows(report.id, JSON.parse(report.document) as ReportDocument, { year: Number(report.year), kind: report.kind })
            : [];
          const stored = await server.store.db.selectFrom('report_values').selectAll().where('report_id', '=', report.id).orderBy('code').execute();
          expect(stored.map((row) => ({ ...row, year: Number(row.year), number: Number(row.number), weight: row.weight === null ? null : Number(row.weight) }))).toEqual(
            [...expected].sort((a, b) => a.code.localeCompare(b.code)),
          );
        }
        // The counted reports had figures: their values are there.
        const valued = await server.store.db.selectFrom('report_values').select('report_id').distinct().execute();
        expect(valued.map((row) => row.report_id).sort()).toEqual([...fixture.counted].sort());

        const rounds = await server.store.db.selectFrom('reporting_rounds').select(['form_id', 'form_version']).execute();
        expect(rounds.map((round) => [round.form_id, Number(round.form_version)])).toEqual(rounds.map(() => ['ke-hoach-94', 1]));
      });

      if (fixture.then) {
        const then = fixture.then;
        it('answers the staff and the phones as that version did', async () => {
          await expectAnswersAsThen(server, then.answers, fixture.staff, then.phones);
        });
      }

      it('lets a phone of that time pull and push its Plan 94 report, and the staff read the period as before', async () => {
        const phone = { headers: { authorization: `Bearer ${fixture.phone.token}` } };
        const feed = await api<ReportChangesResponse>(server, 'GET', '/api/reports?since=0', phone);
        expect(feed.status, JSON.stringify(feed.body)).toBe(200);
        expect(feed.body.reports.map((report) => report.document.id).sort()).toEqual([...fixture.phone.reports].sort());
        expect(feed.body.reports.every((report) => !('form' in report.document))).toBe(true);
        expect(feed.body.rounds?.map((round) => round.form)).toEqual(feed.body.rounds?.map(() => ({ id: 'ke-hoach-94', version: 1 })));
        expect(feed.body.forms).toEqual([]);

        // The returned report, corrected and sent again by the old phone (its document names no form).
        const returned = feed.body.reports.find((report) => report.document.id === fixture.phone.returned)!;
        const corrected: ReportDocument = { ...returned.document, dissemination: { sessions: 5, attendance: 120 } };
        expect('form' in corrected).toBe(false);
        const revision = await pushStored(server, phone, corrected, returned.revision);
        expect(revision).toBe(String(Number(returned.revision) + 1));
        const values = await server.store.db.selectFrom('report_values').select(['code', 'number']).where('report_id', '=', fixture.phone.returned).orderBy('code').execute();
        const sent = formValueRows(fixture.phone.returned, corrected, corrected.period);
        expect(values.map((row) => [row.code, Number(row.number)])).toEqual(sent.map((row) => [row.code, row.number]).sort(([a], [b]) => String(a).localeCompare(String(b))));
        expect(values.map((row) => [row.code, Number(row.number)])).toEqual(expect.arrayContaining([
          ['TUYEN_TRUYEN_BUOI', 5],
          ['TUYEN_TRUYEN_LUOT', 120],
        ]));
        const again = await api<ReportChangesResponse>(server, 'GET', `/api/reports?since=${feed.body.cursor}`, phone);
        expect(again.body.reports.map((report) => [report.document.id, report.revision])).toEqual([[fixture.phone.returned, revision]]);

        for (const account of fixture.staff) {
          const login = await api<{ token: string }>(server, 'POST', '/api/staff/login', null, account);
          expect(login.status, `${account.username}: ${JSON.stringify(login.body)}`).toBe(200);
        }
        const login = await api<{ token: string }>(server, 'POST', '/api/staff/login', null, fixture.staff[0]);
        const staff = { headers: { authorization: `Bearer ${login.body.token}` } };
        const overview = await api<NodeOverview>(server, 'GET', `/api/staff/nodes/${fixture.overview.nodeId}/overview?${fixture.overview.query}`, staff);
        expect(overview.status, JSON.stringify(overview.body)).toBe(200);
        expect(overview.body.summary).toMatchObject(fixture.overview.summary);
      });
    },
  );
}
