/**
 * Reports and rounds by form over HTTP (issue 22), on a real SQLite file and a real PostgreSQL schema:
 * a push names a built-in form or a published one of a node above its CĐCS (anything else is one
 * answer, 422 `unknown_form`), its values fit the form's rows, it keeps its form for life, is held to
 * its own form's round and rules, and its numeric rows land in report_values. A CĐCS with a Plan 94
 * and a Mẫu 1 report of one period counts once in each table; a round asks for one form.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAU_1_HDCD_FORM } from '../../../src/domain/forms/builtin/mau1HDCD';
import type { FormDefinition } from '../../../src/domain/forms/definition';
import type { ReportDocument } from '../../../src/domain/report';
import type { NodeRound } from '../../../src/domain/round';
import type { NodeOverview } from '../../../src/domain/staff';
import type { ReportChangesResponse } from '../../../src/domain/sync';
import {
  api,
  call,
  describeOnEachStore,
  type EnrolledDevice,
  expectApiError,
  PAST_ROUND,
  pushHeaders,
  pushStored,
  readyReport,
  sampleReport,
  startTestServer,
  type TestServer,
  twoCommunes,
  type TwoCommunes,
} from '../helpers';

const MAU_1 = { id: MAU_1_HDCD_FORM.id, version: MAU_1_HDCD_FORM.version };

/** A Mẫu 1 report: the built-in blocks' fields as every report has them, and the form's rows. */
function mau1Report(values: ReportDocument['values'], overrides: Partial<ReportDocument> = {}): ReportDocument {
  return sampleReport({ form: MAU_1, values, ...overrides });
}

function push(server: TestServer, device: EnrolledDevice, document: ReportDocument | Omit<ReportDocument, 'form' | 'values'>, revision?: string) {
  return call(`${server.url}/api/reports/${document.id}`, {
    method: 'PUT',
    headers: pushHeaders(device, revision === undefined ? {} : { revision }),
    body: JSON.stringify(document),
  });
}

/** A stored form, published by `nodeId`: Mẫu 1's rows under another id (`status` draft to leave it unpublished). */
async function storedForm(server: TestServer, nodeId: string, id: string, status: 'draft' | 'published' = 'published'): Promise<FormDefinition> {
  const definition: FormDefinition = { ...MAU_1_HDCD_FORM, id, version: 1, title: `Biểu mẫu ${id}`, status };
  const createdBy = { staffId: null, username: 'admin' };
  await server.store.write(async (tx) => {
    await tx.insertFormDraft({ code: id, version: 1, title: definition.title, definitionJson: JSON.stringify({ ...definition, status: 'draft' }), nodeId, createdAt: new Date().toISOString(), createdBy });
    if (status === 'published') await tx.publishForm(id, 1, JSON.stringify(definition), { at: new Date().toISOString(), ...createdBy });
  });
  return definition;
}

describeOnEachStore(
  (kind) => `reports and rounds by form over HTTP on ${kind}`,
  (kind) => {
    let server: TestServer;
    let tree: TwoCommunes;
    let officer: EnrolledDevice;

    beforeAll(async () => {
      server = await startTestServer({ store: kind });
      tree = await twoCommunes(server);
      officer = await server.enrolDevice({ unionId: tree.unionA.id });
    });
    afterAll(() => server.close());

    it('keeps a Plan 94 and a Mẫu 1 report of one period side by side, with their values, and counts the CĐCS once in each table', async () => {
      const plan94 = readyReport();
      plan94.dissemination.sessions = 4;
      await pushStored(server, officer, plan94);
      const mau1 = mau1Report({ TONG_LD: 120, LD_NU: 45, LUONG_BINH_QUAN: 7_500_000, LUONG_SO_NGUOI: 100 }, { status: 'ready' });
      await pushStored(server, officer, mau1);

      const rows = await server.store.db.selectFrom('reports').select(['id', 'form_id', 'form_version']).where('union_id', '=', tree.unionA.id).orderBy('form_id').execute();
      expect(rows.map((row) => [row.form_id, Number(row.form_version)])).toEqual([
        ['ke-hoach-94', 1],
        ['mau-1-hdcd', 1],
      ]);
      const values = await server.store.db.selectFrom('report_values').select(['code', 'number', 'weight', 'form_id']).where('report_id', '=', mau1.id).orderBy('code').execute();
      expect(values.map((row) => [row.code, Number(row.number), row.weight === null ? null : Number(row.weight), row.form_id])).toEqual([
        ['LD_NU', 45, null, 'mau-1-hdcd'],
        ['LUONG_BINH_QUAN', 7_500_000, 100, 'mau-1-hdcd'],
        ['LUONG_SO_NGUOI', 100, null, 'mau-1-hdcd'],
        ['TONG_LD', 120, null, 'mau-1-hdcd'],
      ]);
      const plan94Values = await server.store.db.selectFrom('report_values').select(['code', 'form_id']).where('report_id', '=', plan94.id).execute();
      expect(plan94Values).toEqual([{ code: 'TUYEN_TRUYEN_BUOI', form_id: 'ke-hoach-94' }]);

      // A new revision replaces the values: an emptied row is gone.
      const revision = (await server.store.findReport(mau1.id))!.revision;
      await pushStored(server, officer, { ...mau1, values: { TONG_LD: 130, LD_NU: null } }, String(revision));
      const after = await server.store.db.selectFrom('report_values').select(['code', 'number']).where('report_id', '=', mau1.id).execute();
      expect(after.map((row) => [row.code, Number(row.number)])).toEqual([['TONG_LD', 130]]);

      for (const form of [undefined, 'ke-hoach-94', 'mau-1-hdcd']) {
        const overview = await api<NodeOverview>(server, 'GET', `/api/staff/nodes/${tree.communeA.id}/overview?year=2025&kind=yearly${form ? `&form=${form}` : ''}`, tree.staff.adminA);
        expect(overview.status, JSON.stringify(overview.body)).toBe(200);
        expect(overview.body.unions.map((union) => union.id)).toEqual([tree.unionA.id]);
        expect(overview.body.summary).toMatchObject({ unions: 1, reported: 1, workers: 120, members: 100 });
      }
      const province = await api<NodeOverview>(server, 'GET', `/api/staff/nodes/${server.root.id}/overview?year=2025&kind=yearly&scope=subtree`, tree.staff.province);
      expect(province.body.unions.filter((union) => union.id === tree.unionA.id)).toHaveLength(1);
      expect(province.body.summary.reported).toBe(1);
    });

    it('refuses a form that is not built in, a draft, or another branch’s, with one answer; takes a published one from above', async () => {
      const device = await server.enrolDevice({ unionId: tree.unionB.id });
      await storedForm(server, tree.communeA.id, 'bieu-mau-xa-a');
      await storedForm(server, server.root.id, 'bieu-mau-nhap', 'draft');
      const provinceForm = await storedForm(server, server.root.id, 'bieu-mau-tinh');
      const refusals = [];
      for (const form of [{ id: 'khong-co', version: 1 }, { id: 'bieu-mau-nhap', version: 1 }, { id: 'bieu-mau-xa-a', version: 1 }, { id: 'mau-1-hdcd', version: 9 }]) {
        const answer = await push(server, device, mau1Report({ TONG_LD: 10 }, { form }));
        refusals.push(expectApiError(answer, 422, 'unknown_form'));
      }
      // The same words whatever the reason: nothing says the commune's form exists.
      expect(new Set(refusals.map((refusal) => refusal.message.replace(/\S+ version \d+/, '')))).toHaveProperty('size', 1);

      const ok = mau1Report({ TONG_LD: 10 }, { form: { id: provinceForm.id, version: 1 }, period: { year: 2024, kind: 'yearly' } });
      await pushStored(server, device, ok);
      expect((await server.store.db.selectFrom('reports').select('form_id').where('id', '=', ok.id).executeTakeFirstOrThrow()).form_id).toBe('bieu-mau-tinh');
    });

    it('refuses values that are not the form’s rows or not of their kind, a ready report its rules fail, and a change of form', async () => {
      const period = { year: 2023, kind: 'yearly' as const };
      expectApiError(await push(server, officer, mau1Report({ KHONG_CO: 1 }, { period })), 422, 'validation_failed');
      expectApiError(await push(server, officer, mau1Report({ TONG_LD: 'một trăm' }, { period })), 422, 'validation_failed');
      expectApiError(await push(server, officer, mau1Report({ TONG_LD: 10 }, { period, valueNotes: { KHONG_CO: 'giải thích' } })), 422, 'validation_failed');
      // A draft may hold what the rules flag; "ready" may not.
      const draft = mau1Report({ TONG_LD: 10, LD_NU: 20 }, { period });
      const revision = await pushStored(server, officer, draft);
      const ready = expectApiError(await push(server, officer, { ...draft, status: 'ready' }, revision), 422, 'validation_failed');
      expect(JSON.stringify(ready.details)).toContain('values.LD_NU');
      expectApiError(await push(server, officer, mau1Report({ LD_NU: 1 }, { period: { year: 2022, kind: 'yearly' }, status: 'ready' })), 422, 'validation_failed');

      const { form: _form, values: _values, ...asPlan94 } = draft;
      const changed = expectApiError(await push(server, officer, asPlan94, revision), 409, 'form_changed');
      expect(changed.details).toMatchObject({ current: { document: { form: MAU_1 } } });
      expectApiError(await push(server, officer, { ...draft, form: { ...MAU_1, version: 2 } }, revision), 422, 'unknown_form');
    });

    it('opens one round per node, period and form; holds each report to its own form’s round; feeds the stored forms the rounds name', async () => {
      const period = { year: 2021, kind: 'yearly' as const };
      const round = { ...PAST_ROUND, period, activities: { from: '2021-01-01', to: '2021-11-30' }, deadline: '2021-12-10' };
      const reviewer = tree.staff.reviewerA;
      const plan94Round = await api<{ round: NodeRound }>(server, 'POST', `/api/staff/nodes/${tree.communeA.id}/rounds`, reviewer, round);
      expect(plan94Round.status, JSON.stringify(plan94Round.body)).toBe(201);
      expect(plan94Round.body.round.form).toEqual({ id: 'ke-hoach-94', version: 1 });
      const mau1Round = await api<{ round: NodeRound }>(server, 'POST', `/api/staff/nodes/${tree.communeA.id}/rounds`, reviewer, { ...round, form: MAU_1 });
      expect(mau1Round.status, JSON.stringify(mau1Round.body)).toBe(201);
      expect(mau1Round.body.round.form).toEqual(MAU_1);
      expectApiError(await api(server, 'POST', `/api/staff/nodes/${tree.communeA.id}/rounds`, reviewer, { ...round, form: MAU_1 }), 409, 'taken');
      for (const form of [{ id: 'bieu-mau-nhap', version: 1 }, { id: 'khong-co', version: 1 }])
        expectApiError(await api(server, 'POST', `/api/staff/nodes/${tree.communeA.id}/rounds`, reviewer, { ...round, form }), 422, 'unknown_form');
      const reviewerB = await server.staffSession({ nodeId: tree.communeB.id, role: 'reviewer' });
      expectApiError(await api(server, 'POST', `/api/staff/nodes/${tree.communeB.id}/rounds`, reviewerB, { ...round, form: { id: 'bieu-mau-xa-a', version: 1 } }), 422, 'unknown_form');
      const stored = await api<{ round: NodeRound }>(server, 'POST', `/api/staff/nodes/${tree.communeA.id}/rounds`, reviewer, { ...round, form: { id: 'bieu-mau-xa-a', version: 1 } });
      expect(stored.status, JSON.stringify(stored.body)).toBe(201);

      const listed = await api<{ rounds: NodeRound[] }>(server, 'GET', `/api/staff/nodes/${tree.communeA.id}/rounds`, reviewer);
      expect(listed.body.rounds.filter((each) => each.period.year === 2021).map((each) => each.form?.id).sort()).toEqual(['bieu-mau-xa-a', 'ke-hoach-94', 'mau-1-hdcd']);

      const feed = await api<ReportChangesResponse>(server, 'GET', '/api/reports?since=0', officer);
      expect(feed.body.rounds?.filter((each) => each.period.year === 2021).map((each) => each.form?.id).sort()).toEqual(['bieu-mau-xa-a', 'ke-hoach-94', 'mau-1-hdcd']);
      expect(feed.body.forms?.map((form) => `${form.id}@${form.version}`)).toEqual(['bieu-mau-xa-a@1']);

      // The Mẫu 1 round closes: a Mẫu 1 report of the period is refused, a Plan 94 one is not.
      expect((await api(server, 'POST', `/api/staff/rounds/${mau1Round.body.round.id}/close`, reviewer)).status).toBe(200);
      expectApiError(await push(server, officer, mau1Report({ TONG_LD: 5 }, { period })), 409, 'round_closed');
      await pushStored(server, officer, readyReport({ period }));

      // Who has not sent the Plan 94 round's report: a CĐCS with only a Mẫu 1 report of the period has not.
      const other = await server.createUnion('CĐCS Công ty Gỗ An Tịnh', tree.communeA.id);
      const otherDevice = await server.enrolDevice({ unionId: other.id });
      const openRound = await api<{ round: NodeRound }>(server, 'POST', `/api/staff/rounds/${mau1Round.body.round.id}/open`, reviewer);
      expect(openRound.status).toBe(200);
      await pushStored(server, otherDevice, mau1Report({ TONG_LD: 5 }, { period, status: 'ready' }));
      const plan94Reach = await server.store.notifications.roundUnions((await server.store.findRound(plan94Round.body.round.id))!);
      expect(plan94Reach.map((union) => [union.unionId, union.sent])).toEqual(
        expect.arrayContaining([
          [tree.unionA.id, true],
          [other.id, false],
        ]),
      );
      const mau1Reach = await server.store.notifications.roundUnions((await server.store.findRound(mau1Round.body.round.id))!);
      expect(mau1Reach.map((union) => [union.unionId, union.sent])).toEqual(
        expect.arrayContaining([
          [tree.unionA.id, false],
          [other.id, true],
        ]),
      );
    });
  },
);
