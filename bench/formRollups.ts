/**
 * A form's roll-up at the size of Hà Nội's plan (issue 22), on SQLite and PostgreSQL: 6,000 CĐCS under
 * a province (scripts/seed-province.ts: 85 commune unions, their Plan 94 reports of 2025), each with a
 * report of a 60-row form (counts, money, yes/no, a weighted mean, a ratio, a text), its values in
 * report_values and the running sums in report_value_sums (migration 0023). Figures, each beside a floor
 * measured in the same run:
 *
 * - the province's roll-up, server time of the store calls the service makes (the running sums of the
 *   subtree's nodes, and the CĐCS expected and reported per node), and of the whole service call;
 *   floor: a bare `select count(*)` over the same running-sum rows (and, for scale, over the value rows
 *   the roll-up read before 0023). Median and slowest of 30 runs, and the median CPU time of this
 *   process (SQLite runs in it; PostgreSQL's work is another process's).
 * - the CPU of a push through the real push path (services/reports.ts `putReport`, one transaction with
 *   its values and sums): today's Plan 94 report as an officer fills it (13 figures stored) and a 60-row
 *   form's report (47), each as a draft (an autosave: no values, no sums written) and as a ready report,
 *   each push changing one row's figure (that value row written, its sums moved by new − old),
 *   alternating in rounds; beside them the earlier floor, a Plan 94 report with no row answered.
 *
 * `npx tsx bench/formRollups.ts` runs it. Wall-clock figures are printed, never asserted; what the bench
 * wrote is checked (6,000 reports, their value rows; every push a revision; a draft no value row; the
 * last ready push's value row and running sum hold its figure). `BENCH_ONLY=push` runs the pushes alone (no 6,000-CĐCS seed), `BENCH_ONLY=rollup` the
 * roll-up alone; BENCH_STORES picks the stores (default `sqlite,postgres`), BENCH_PUSHES the pushes of each case.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { ReportDocument } from '../src/domain/report';
import type { StoreKind } from '../src/server/store/schema';
import { formRollup } from '../src/server/services/formRollups';
import { putReport } from '../src/server/services/reports';
import { CONSOLE } from '../src/server/services/staff';
import { withPostgresBenchStore, withSqliteBenchStore } from './benchStores';
import type { Store } from '../src/server/store/store';
import { seedProvince } from '../scripts/seed-province';
import { randomValues, rollupTestForm, sequence, storeTestForm, writeFormReport } from '../test/server/formRollupFixtures';
import { readyReport, startTestServer } from '../test/server/helpers';

const RUNS = 30;
const UNIONS = 6000;
const FORM_ROWS = 60;
/** Pushes of each case (BENCH_PUSHES, default 200; a multiple of 20, the rounds' size). */
const PUSHES = Math.max(20, Math.round(Number(process.env.BENCH_PUSHES ?? 200) / 20) * 20 || 200);

/** Median and slowest wall-clock time of RUNS runs, and the median CPU time (user + system) of this process per run. */
async function timed(work: () => Promise<unknown>): Promise<{ medianMs: number; maxMs: number; cpuMs: number }> {
  await work(); // warm: statements, caches
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    await work();
    const used = process.cpuUsage(startCpu);
    times.push(performance.now() - start);
    cpus.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const middle = Math.floor(RUNS / 2);
  return { medianMs: Number((times[middle] as number).toFixed(2)), maxMs: Number((times.at(-1) as number).toFixed(2)), cpuMs: Number((cpus[middle] as number).toFixed(2)) };
}

async function measureRollup(label: string, store: Store): Promise<void> {
  await store.migrate();
  const seedStart = performance.now();
  const seeded = await seedProvince(store, { unions: UNIONS, years: [2025] });
  const form = rollupTestForm('bench-60-dong', FORM_ROWS);
  await storeTestForm(store, form, seeded.province.id);
  const unions = await store.db.selectFrom('unions').select(['id', 'superior_id']).orderBy('name').execute();
  const random = sequence(11);
  for (let start = 0; start < unions.length; start += 200)
    await store.db.transaction().execute(async (trx) => {
      for (const union of unions.slice(start, start + 200)) {
        const roll = random();
        // Most sent, some accepted or returned, a few drafts never sent (not counted).
        const status = roll < 0.05 ? ('draft' as const) : ('ready' as const);
        const review = roll > 0.95 ? ('returned' as const) : roll > 0.5 ? ('accepted' as const) : undefined;
        await writeFormReport(trx, form, { unionId: union.id, superiorId: status === 'ready' ? union.superior_id : null, values: randomValues(form, random), status, ...(review ? { review } : {}) });
      }
    });
  const seedSeconds = ((performance.now() - seedStart) / 1000).toFixed(1);
  await sql`analyze`.execute(store.db);

  const reports = Number((await sql<{ n: unknown }>`select count(*) as n from reports where form_id = ${form.id} and year = 2025 and kind = 'yearly'`.execute(store.db)).rows[0]?.n);
  const valueRows = Number((await sql<{ n: unknown }>`select count(*) as n from report_values where form_id = ${form.id} and year = 2025 and kind = 'yearly'`.execute(store.db)).rows[0]?.n);
  if (reports !== UNIONS) throw new Error(`the bench wrote ${reports} reports of the form, not ${UNIONS}`);
  if (valueRows < UNIONS * FORM_ROWS * 0.6) throw new Error(`only ${valueRows} value rows for ${UNIONS} reports of ${FORM_ROWS} rows`);
  const sumRows = Number((await sql<{ n: unknown }>`select count(*) as n from report_value_sums where form_id = ${form.id} and year = 2025 and kind = 'yearly'`.execute(store.db)).rows[0]?.n);
  if (sumRows === 0 || sumRows > (seeded.communes.length + 1) * FORM_ROWS) throw new Error(`${sumRows} running-sum rows for ${seeded.communes.length + 1} nodes × ${FORM_ROWS} rows`);

  const context = { store, now: () => new Date() };
  const query = { year: '2025', kind: 'yearly' };
  const scope = { formId: form.id, year: 2025, kind: 'yearly' };
  const ratios = [{ code: 'TY_LE_DV', numerator: 'DOAN_VIEN', denominator: 'TONG_LD' }];
  const rollup = await formRollup(context, CONSOLE, seeded.province.id, form.id, query);
  const storeTime = await timed(() => Promise.all([store.formRollupSums(seeded.province, { ...scope, ratios }), store.formRollupCounts(seeded.province, scope)]));
  const sumsTime = await timed(() => store.formRollupSums(seeded.province, { ...scope, ratios }));
  const serviceTime = await timed(() => formRollup(context, CONSOLE, seeded.province.id, form.id, query));
  // The floor: a bare count over the rows the roll-up reads (the subtree's running sums), in the same run.
  const floor = await timed(
    () => sql`select count(*) as n from report_value_sums where node_id in (select id from nodes where path like ${`${seeded.province.path}%`}) and form_id = ${form.id} and year = ${2025} and kind = ${'yearly'}`.execute(store.db),
  );
  const valuesCount = await timed(() => sql`select count(*) as n from report_values where form_id = ${form.id} and year = ${2025} and kind = ${'yearly'}`.execute(store.db));
  const [total] = rollup.columns;
  console.log(`${label}: ${seeded.unions} CĐCS under ${seeded.communes.length} commune unions; wrote ${reports} reports of a ${FORM_ROWS}-row form, ${valueRows} value rows (counted reports), ${sumRows} running-sum rows, in ${seedSeconds} s`);
  console.log(
    `  province roll-up (${rollup.columns.length} columns, ${rollup.rows.length} rows, ${total?.reported}/${total?.expected} CĐCS reported): store calls median ${storeTime.medianMs} ms, max ${storeTime.maxMs} ms, CPU of this process median ${storeTime.cpuMs} ms (the sums query alone: median ${sumsTime.medianMs} ms, CPU ${sumsTime.cpuMs} ms); whole service median ${serviceTime.medianMs} ms, CPU ${serviceTime.cpuMs} ms`,
  );
  console.log(`  floor (count(*) of the ${sumRows} running-sum rows it reads): median ${floor.medianMs} ms, max ${floor.maxMs} ms, CPU of this process median ${floor.cpuMs} ms`);
  console.log(`  for scale, count(*) of the ${valueRows} value rows (what the roll-up grouped before 0023): median ${valuesCount.medianMs} ms`);
}

type PushCase = 'plan94Draft' | 'formDraft' | 'plan94Ready' | 'formReady' | 'emptyPlan94Draft' | 'emptyPlan94Ready';
const PUSH_CASES: readonly PushCase[] = ['plan94Draft', 'formDraft', 'plan94Ready', 'formReady', 'emptyPlan94Draft', 'emptyPlan94Ready'];

/**
 * Today's report as an officer fills it: the membership and every Plan 94 row answered (the 14 figures
 * report_values holds for it, the texts, the conference's date), passing every rule.
 */
function filledPlan94Report(): ReportDocument {
  return readyReport({
    dissemination: { sessions: 4, attendance: 120 },
    studyAndFollow: { activities: 3, commendations: 2, notes: 'Tổ chức học tập chuyên đề năm 2025.' },
    officerTraining: { officersTrained: 5 },
    partyDevelopment: { introduced: 3, admitted: 2 },
    inspection: { inspections: 2, supervisions: 1, antiCorruptionSessions: 1, complaintsReceived: 4, complaintsResolved: 3 },
    grassrootsDemocracy: { workersConferenceHeld: true, workersConferenceDate: '2025-03-15' },
    administrativeReform: { notes: 'Gửi báo cáo qua ứng dụng.' },
    proposals: { text: 'Đề nghị tập huấn nghiệp vụ cho cán bộ mới.' },
  });
}

/**
 * CPU (user + system) per push through `putReport` (the real push path, its values and sums in its own
 * transaction): each case a report of its own CĐCS, the cases alternating in rounds of 20, their order
 * turned each round. Every push changes the report, so every one stores a revision; a ready report's
 * values change each time, so its push replaces them and moves the sums.
 */
async function measurePushes(label: string, kind: StoreKind): Promise<void> {
  const server = await startTestServer({ store: kind });
  try {
    const form = rollupTestForm('bench-60-dong', FORM_ROWS);
    await storeTestForm(server.store, form, server.root.id);
    const context = { store: server.store, now: () => new Date() };
    const device = async () => {
      const enrolled = await server.enrolDevice();
      const found = await server.store.findDevice(enrolled.deviceId);
      if (!found) throw new Error('no device');
      return found;
    };
    const random = sequence(5);
    const plan94: ReportDocument = filledPlan94Report();
    const emptyPlan94: ReportDocument = readyReport();
    const formReport: ReportDocument = { ...readyReport(), form: { id: form.id, version: 1 }, values: randomValues(form, random) };
    const cases = {} as Record<PushCase, { device: Awaited<ReturnType<typeof device>>; document: (n: number) => ReportDocument; revision?: string; cpu: number; wall: number }>;
    for (const which of PUSH_CASES) {
      const status = which.endsWith('Ready') ? ('ready' as const) : ('draft' as const);
      const id = randomUUID();
      cases[which] = {
        device: await device(),
        // Each push changes one row's figure (Plan 94: the attendance, a row of its own; the form: a
        // count), as an officer's edit does; the earlier floor, a Plan 94 report with no row answered,
        // changed its workforce (a membership figure, no row).
        document: which.startsWith('plan94')
          ? (n) => ({ ...plan94, id, status, dissemination: { ...plan94.dissemination, attendance: 100 + n } })
          : which.startsWith('emptyPlan94')
            ? (n) => ({ ...emptyPlan94, id, status, membership: { ...emptyPlan94.membership, workers: 100 + n } })
            : (n) => ({ ...formReport, id, status, values: { ...formReport.values, CHI_TIEU_6: n } }),
        cpu: 0,
        wall: 0,
      };
    }
    async function push(which: PushCase, document: ReportDocument): Promise<void> {
      const entry = cases[which];
      const result = await putReport(context, entry.device, {
        pathId: document.id,
        body: document,
        ifMatch: entry.revision === undefined ? undefined : `"${entry.revision}"`,
        ifNoneMatch: entry.revision === undefined ? '*' : undefined,
        idempotencyKey: randomUUID(),
      });
      entry.revision = result.revision;
    }
    for (const which of PUSH_CASES) await push(which, cases[which].document(0)); // warm: the first push creates the report
    for (let round = 0; round < PUSHES / 20; round++) {
      const order = round % 2 === 0 ? PUSH_CASES : [...PUSH_CASES].reverse();
      for (const which of order) {
        // The bodies as the route hands them over (parsed JSON), made before the clock starts: the
        // bench's own copying of a document is not the push's work.
        const bodies = Array.from({ length: 20 }, (_, i) => JSON.parse(JSON.stringify(cases[which].document(1 + round * 20 + i))) as ReportDocument);
        const startCpu = process.cpuUsage();
        const startWall = performance.now();
        for (const body of bodies) await push(which, body);
        const used = process.cpuUsage(startCpu);
        cases[which].cpu += (used.user + used.system) / 1000;
        cases[which].wall += performance.now() - startWall;
      }
    }
    const figure = async (query: ReturnType<typeof sql<{ n: unknown }>>) => Number((await query.execute(server.store.db)).rows[0]?.n);
    const valueRows = (id: string) => figure(sql`select count(*) as n from report_values where report_id = ${id}`);
    const rows = {
      plan94Ready: await valueRows(cases.plan94Ready.document(0).id),
      formReady: await valueRows(cases.formReady.document(0).id),
      drafts: (await valueRows(cases.plan94Draft.document(0).id)) + (await valueRows(cases.formDraft.document(0).id)) + (await valueRows(cases.emptyPlan94Ready.document(0).id)),
    };
    if (rows.drafts !== 0) throw new Error(`a draft (or the report with no row answered) stored ${rows.drafts} value rows`);
    // Every push stored a revision, and the last one's changed figure is what the store holds: its value
    // row and its running sum (each the only counted report of its form with that row), for both forms.
    for (const which of PUSH_CASES)
      if (cases[which].revision !== String(PUSHES + 1)) throw new Error(`${which}: revision ${cases[which].revision} after ${PUSHES + 1} pushes`);
    const last = async (which: 'plan94Ready' | 'formReady', code: string) => [
      await figure(sql`select number as n from report_values where report_id = ${cases[which].document(0).id} and code = ${code}`),
      await figure(sql`select total as n from report_value_sums where form_id = ${cases[which].document(0).form?.id ?? 'ke-hoach-94'} and code = ${code}`),
    ];
    const stored = [...(await last('plan94Ready', 'TUYEN_TRUYEN_LUOT')), ...(await last('formReady', 'CHI_TIEU_6'))];
    const storedWorkers = await figure(sql`select workers as n from reports where id = ${cases.emptyPlan94Ready.document(0).id}`);
    if (stored.join() !== [100 + PUSHES, 100 + PUSHES, PUSHES, PUSHES].join() || storedWorkers !== 100 + PUSHES)
      throw new Error(`the last push's figures are not stored: ${stored.join()}, workers ${storedWorkers}`);
    const per = (which: PushCase) => `${(cases[which].cpu / PUSHES).toFixed(2)} ms (wall ${(cases[which].wall / PUSHES).toFixed(2)} ms)`;
    const ratio = (which: PushCase, floor: PushCase) => `${(cases[which].cpu / cases[floor].cpu).toFixed(2)}×`;
    console.log(
      `${label}: CPU per push, ${PUSHES} each, alternating, through putReport. Each push stored a revision and changed one row's figure; a ready one wrote that value row and moved its sums (the last one's checked): Plan 94 (${rows.plan94Ready} value rows) and the ${FORM_ROWS}-row form (${rows.formReady} value rows); a draft stores none:`,
    );
    console.log(`  draft (autosave):      Plan 94 ${per('plan94Draft')}; ${FORM_ROWS}-row form ${per('formDraft')}; ratio ${ratio('formDraft', 'plan94Draft')}`);
    console.log(`  ready, a figure changed: Plan 94 ${per('plan94Ready')}; ${FORM_ROWS}-row form ${per('formReady')}; ratio ${ratio('formReady', 'plan94Ready')}`);
    console.log(
      `  the earlier floor, a Plan 94 report with no row answered whose workforce changes (no value row): draft ${per('emptyPlan94Draft')}, form ÷ it ${ratio('formDraft', 'emptyPlan94Draft')}; ready ${per('emptyPlan94Ready')}, form ÷ it ${ratio('formReady', 'emptyPlan94Ready')}`,
    );
  } finally {
    await server.close();
  }
}

const ONLY = process.env.BENCH_ONLY;
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');

export async function run(): Promise<void> {
  const rollups = ONLY !== 'push';
  const pushes = ONLY !== 'rollup';
  console.log(`A form's roll-up over ${UNIONS} CĐCS (${RUNS} runs each) and the push of its report:`);
  if (STORES.includes('sqlite')) {
    if (rollups) await withSqliteBenchStore('rollup', (store) => measureRollup('SQLite', store));
    if (pushes) await measurePushes('SQLite', 'sqlite');
  }
  if (STORES.includes('postgres')) {
    if (rollups && !(await withPostgresBenchStore('rollup', (store) => measureRollup('PostgreSQL', store)))) return;
    if (pushes) await measurePushes('PostgreSQL', 'postgres');
  }
}

export default run;

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
