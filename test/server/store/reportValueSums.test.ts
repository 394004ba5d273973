/**
 * The running sums of the roll-ups (store/reportValueSums.ts) stay equal to a fresh sum of the counted
 * reports' values, on both stores, through pushes: a draft, marked ready, a ready report edited, a
 * return, a draft sent after it, sent again, accepted, the acceptance withdrawn. report_values holds
 * the counted reports' values only, and exactly the figures of each one's stored document: the push takes
 * a report's old figures out of the sums from its stored document (decision 0014), so the two must never
 * disagree.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import { builtinForm, reportFormRef } from '../../../src/domain/forms/reportForm';
import type { ReportDocument } from '../../../src/domain/report';
import { formValueRows } from '../../../src/server/store/reportValues';
import { keptCountedRows } from '../../../src/server/services/countedRows';
import { isCounted } from '../../../src/server/store/reportValueSums';
import { api, describeOnEachStore, type EnrolledDevice, pushStored, sampleReport, startTestServer, type TestServer, twoCommunes, type TwoCommunes } from '../helpers';

const MAU_1 = { id: MAU_1_HDCD_FORM.id, version: MAU_1_HDCD_FORM.version };

/** The sums as a fresh aggregate of report_values over the counted reports, beside the running sums (both without zero rows). */
async function sumsBothWays(server: TestServer) {
  const fresh = await sql<Record<string, unknown>>`
    select r.superior_id as node_id, v.code, count(*) as reports, sum(v.number) as total,
      sum(case when v.weight > 0 then 1 else 0 end) as weighted_reports,
      sum(case when v.weight > 0 then v.number * v.weight else 0 end) as weighted,
      sum(case when v.weight > 0 then v.weight else 0 end) as weight
    from reports r join report_values v on v.report_id = r.id
    where r.superior_id is not null and (r.status = 'ready' or r.review_status is not null)
    group by r.superior_id, v.code`.execute(server.store.db);
  const running = await sql<Record<string, unknown>>`
    select node_id, code, reports, total, weighted_reports, weighted, weight from report_value_sums
    where reports <> 0 or total <> 0 or weighted_reports <> 0 or weighted <> 0 or weight <> 0`.execute(server.store.db);
  const shape = (rows: Record<string, unknown>[]) =>
    rows
      .map((row) => [String(row.node_id), String(row.code), Number(row.reports), Number(row.total), Number(row.weighted_reports), Number(row.weighted), Number(row.weight)] as const)
      .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
  const orphans = await sql<{ n: unknown }>`
    select count(*) as n from report_values v join reports r on r.id = v.report_id
    where not (r.superior_id is not null and (r.status = 'ready' or r.review_status is not null))`.execute(server.store.db);
  return { fresh: shape(fresh.rows), running: shape(running.rows), uncountedValues: Number(orphans.rows[0]?.n) };
}

/** Per report, the figures report_values holds, beside those of its stored document (none for a report not counted). */
async function figuresBothWays(server: TestServer) {
  const reports = await server.store.db.selectFrom('reports').select(['id', 'document', 'year', 'kind', 'superior_id', 'status', 'review_status']).orderBy('id').execute();
  const stored = await server.store.db.selectFrom('report_values').select(['report_id', 'code', 'form_id', 'year', 'kind', 'number', 'weight']).execute();
  const shape = (row: { report_id: string; code: string; form_id: string; year: unknown; kind: string; number: unknown; weight: unknown }) =>
    `${row.report_id} ${row.code} ${row.form_id} ${Number(row.year)} ${row.kind} ${Number(row.number)} ${row.weight === null ? null : Number(row.weight)}`;
  const fromDocuments = reports.flatMap((report) => {
    if (!isCounted({ superiorId: report.superior_id, ready: report.status === 'ready', reviewed: report.review_status !== null })) return [];
    const document = JSON.parse(report.document) as ReportDocument;
    const definition = builtinForm(reportFormRef(document));
    if (!definition) throw new Error('a built-in form only in this test');
    return formValueRows(report.id, document, { year: Number(report.year), kind: report.kind }, definition).map(shape);
  });
  return { stored: stored.map(shape).sort(), fromDocuments: fromDocuments.sort() };
}

describeOnEachStore(
  (kind) => `the roll-ups' running sums through pushes and decisions on ${kind}`,
  (kind) => {
    let server: TestServer;
    let tree: TwoCommunes;
    let officerA: EnrolledDevice;
    let officerB: EnrolledDevice;

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      tree = await twoCommunes(server);
      officerA = await server.enrolDevice({ unionId: tree.unionA.id });
      officerB = await server.enrolDevice({ unionId: tree.unionB.id });
    });
    afterAll(() => server.close());

    it('equal a fresh sum after every push, return, re-send, acceptance and withdrawal', async () => {
      const expectTrue = async (step: string, counted: number) => {
        const { fresh, running, uncountedValues } = await sumsBothWays(server);
        expect(running, step).toEqual(fresh);
        expect(uncountedValues, step).toBe(0);
        const figures = await figuresBothWays(server);
        expect(figures.stored, step).toEqual(figures.fromDocuments);
        expect(new Set(fresh.map((row) => row[0])).size > 0 || counted === 0, step).toBe(true);
      };
      const values = (people: number): ReportDocument['values'] => ({ TONG_LD: people, LD_NU: 40, LUONG_BINH_QUAN: 7_500_000, LUONG_SO_NGUOI: 100 });
      const a: ReportDocument = sampleReport({ form: MAU_1, values: values(120) });
      let revision = await pushStored(server, officerA, a);
      await expectTrue('a draft', 0);
      revision = await pushStored(server, officerA, { ...a, values: values(121) }, revision);
      await expectTrue('a draft autosaved', 0);
      revision = await pushStored(server, officerA, { ...a, status: 'ready', values: values(122) }, revision);
      await expectTrue('marked ready', 1);
      const plan94: ReportDocument = sampleReport({ status: 'ready', dissemination: { sessions: 4, attendance: 120 } });
      let revision94 = await pushStored(server, officerB, plan94);
      await expectTrue('a Plan 94 report with its own rows', 2);
      revision94 = await pushStored(server, officerB, { ...plan94, dissemination: { sessions: 5, attendance: null } }, revision94);
      await expectTrue('a Plan 94 report edited, a row emptied', 2);
      const b: ReportDocument = sampleReport({ form: MAU_1, status: 'ready', values: { ...values(80), LUONG_SO_NGUOI: 0 } });
      let revisionB = await pushStored(server, officerB, b);
      await expectTrue('a second CĐCS, a zero weight', 2);
      revision = await pushStored(server, officerA, { ...a, status: 'ready', values: { TONG_LD: 130, LUONG_BINH_QUAN: 8_000_000, LUONG_SO_NGUOI: 90 } }, revision);
      await expectTrue('a ready report edited, a row left out', 2);

      const reviewer = tree.staff.reviewerA;
      expect((await api(server, 'POST', `/api/staff/reports/${a.id}/review`, reviewer, { status: 'returned', comment: 'Thiếu số nữ', revision })).status).toBe(200);
      await expectTrue('returned (still counted)', 2);
      revision = await pushStored(server, officerA, { ...a, status: 'draft', values: values(131) }, revision);
      await expectTrue('a draft after the return (no longer counted)', 1);
      revision = await pushStored(server, officerA, { ...a, status: 'ready', values: values(132) }, revision);
      await expectTrue('sent again', 2);
      revision = await pushStored(server, officerA, { ...a, status: 'ready', values: values(132), proposals: { text: 'chỉ lời' } }, revision);
      await expectTrue('sent again, values the same', 2);
      expect((await api(server, 'POST', `/api/staff/reports/${a.id}/review`, reviewer, { status: 'accepted', comment: '', revision })).status).toBe(200);
      await expectTrue('accepted', 2);
      expect((await api(server, 'POST', `/api/staff/reports/${a.id}/withdraw-acceptance`, reviewer, { reason: 'Sai số liệu' })).status).toBe(200);
      await expectTrue('acceptance withdrawn', 2);
      revision = await pushStored(server, officerA, { ...a, status: 'ready', values: values(140) }, revision);
      revisionB = await pushStored(server, officerB, { ...b, status: 'draft' }, revisionB);
      await expectTrue('edited after the withdrawal; the other back to a draft', 1);
      expect(revisionB).toBeDefined();
      expect(revision94).toBe('2');
    });

    // A push takes a counted report's old figures from the rows its process kept when it wrote that very
    // revision (services/countedRows.ts), else from the stored document. Two app instances on one database,
    // pushing the same report in turn, each hold rows of a revision the other has since replaced.
    it('stay equal when two app instances push the same report in turn', async () => {
      const twin = await startTestServer({
        store: kind,
        ...(server.sqliteFile ? { sqliteFile: server.sqliteFile } : {}),
        ...(server.pgSchema ? { pgSchema: server.pgSchema } : {}),
      });
      try {
        const officerC = await server.enrolDevice({ unionId: (await server.createUnion('CĐCS Công ty Hai Máy', tree.communeB.id)).id });
        const c: ReportDocument = sampleReport({ form: MAU_1, status: 'ready', values: { TONG_LD: 50, LD_NU: 20 } });
        const step = async (instance: TestServer, people: number, revision?: string) => {
          const next = await pushStored(instance, officerC, { ...c, values: { TONG_LD: people, LD_NU: 20 } }, revision);
          expect(keptCountedRows(instance.store, c.id)?.revision, `${people}: the pushing instance keeps its revision's rows`).toBe(Number(next));
          const { fresh, running } = await sumsBothWays(server);
          expect(running, `${people} people`).toEqual(fresh);
          const figures = await figuresBothWays(server);
          expect(figures.stored, `${people} people`).toEqual(figures.fromDocuments);
          return next;
        };
        let revision = await step(server, 50);
        revision = await step(server, 51, revision); // from the rows kept here
        revision = await step(twin, 52, revision); // the twin holds none: from the document
        revision = await step(server, 53, revision); // rows kept here are of revision 2, the database's is 3
        revision = await step(server, 54, revision);
        revision = await step(twin, 55, revision); // the twin's are of revision 3, the database's is 5
        expect(revision).toBe('6');
      } finally {
        await twin.close({ keepData: true });
      }
    });
  },
);
