/**
 * The period table of one node with 6,000 CĐCS directly under it (an industrial-park union; issue 22),
 * on SQLite and PostgreSQL: the server time and JSON bytes of the paged table's first page
 * (GET /api/staff/nodes/:id/period-table, 50 lines, with the count and the totals row over all 6,000),
 * a filtered and searched first page, and a page deep in the table, beside the old full list (the node's
 * `scope=direct` overview, every line) and a floor measured in the same run: a bare count of the node's
 * CĐCS. Median and slowest of 30 runs, as the service computes them (no HTTP). The seed is
 * scripts/seed-province.ts with one commune union that holds all but the province's own hundred.
 *
 * A form round's table beside them: every CĐCS under the node has a report of a 12-row form with four
 * chosen columns (a sum, a ratio, a weighted mean, a count of yes: domain/forms/tableColumns.ts), read
 * from report_values, its first page with the totals by each row's roll-up, and sorted by the ratio.
 *
 * The first page's bytes are a deterministic budget and are checked (the run fails past it); the
 * times are wall clock on a shared machine and are printed only.
 *
 * `npx tsx bench/period-table.ts`
 */
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { PeriodTablePage } from '../src/domain/periodTable';
import { nodeOverview } from '../src/server/services/overview';
import { periodTablePage } from '../src/server/services/periodTable';
import { CONSOLE } from '../src/server/services/staff';
import { withPostgresBenchStore, withSqliteBenchStore } from './benchStores';
import type { Store } from '../src/server/store/store';
import { seedProvince } from '../scripts/seed-province';
import { randomValues, rollupTestForm, sequence, storeTestForm, writeFormReport } from '../test/server/formRollupFixtures';

const RUNS = 30;
const UNDER_ONE_NODE = 6000;
/** 50 lines of ~600 B each and the totals: a first page past this has grown a field per line. */
const FIRST_PAGE_BUDGET_BYTES = 40_000;

async function timed(work: () => Promise<unknown>): Promise<{ medianMs: number; maxMs: number }> {
  await work(); // warm: prepared statements, caches
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: Number((times[Math.floor(RUNS / 2)] as number).toFixed(2)), maxMs: Number((times.at(-1) as number).toFixed(2)) };
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const shown = (time: { medianMs: number; maxMs: number }) => `median ${time.medianMs} ms, max ${time.maxMs} ms`;

async function measure(label: string, store: Store): Promise<void> {
  await store.migrate();
  const seedStart = performance.now();
  // One commune union: the province keeps its hundred, the commune gets the other 6,000.
  const seeded = await seedProvince(store, { communes: 1, unions: UNDER_ONE_NODE + 100 });
  const seedSeconds = ((performance.now() - seedStart) / 1000).toFixed(1);
  // A database that grew this much has been vacuumed and analysed by then (PostgreSQL's autovacuum after
  // so many inserts: the visibility map lets the covering indexes answer alone); a fresh bulk load has not.
  await (store.kind === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(store.db);
  const node = seeded.communes[0];
  if (!node) throw new Error('no commune seeded');
  // The seed wrote what this run says it measures.
  const counted = await sql<{ unions: unknown; reports: unknown }>`
    select (select count(*) from unions where superior_id = ${node.id}) as unions,
      (select count(*) from reports r join unions u on u.id = r.union_id where u.superior_id = ${node.id} and r.year = ${2025} and r.kind = ${'yearly'}) as reports`.execute(store.db);
  const unions = Number(counted.rows[0]?.unions);
  if (unions !== UNDER_ONE_NODE) throw new Error(`seeded ${unions} CĐCS under the node, not ${UNDER_ONE_NODE}`);

  const context = { store, now: () => new Date() };
  const period = { year: '2025', kind: 'yearly' };
  const full = await nodeOverview(context, CONSOLE, node.id, period);
  const first = await periodTablePage(context, CONSOLE, node.id, period);
  const filteredQuery = { ...period, filter: 'notReported', search: 'don vi 1', sort: 'rate', direction: 'desc' };
  const filtered = await periodTablePage(context, CONSOLE, node.id, filteredQuery);
  let deep: PeriodTablePage = first;
  for (let hops = 0; hops < 3 && deep.nextCursor; hops++) deep = await periodTablePage(context, CONSOLE, node.id, { ...period, limit: '500', cursor: deep.nextCursor });
  const deepQuery = { ...period, cursor: (await periodTablePage(context, CONSOLE, node.id, { ...period, limit: '50' })).nextCursor ?? undefined };
  if (first.total !== UNDER_ONE_NODE || first.lines.length !== 50) throw new Error(`first page: ${first.lines.length} lines of ${first.total}`);
  if (full.unions.length !== UNDER_ONE_NODE) throw new Error(`full list: ${full.unions.length} lines`);
  const firstBytes = bytes(first);
  if (firstBytes > FIRST_PAGE_BUDGET_BYTES) throw new Error(`first page is ${firstBytes} B, over its budget of ${FIRST_PAGE_BUDGET_BYTES} B`);

  const fullTime = await timed(() => nodeOverview(context, CONSOLE, node.id, period));
  const firstTime = await timed(() => periodTablePage(context, CONSOLE, node.id, period));
  const filteredTime = await timed(() => periodTablePage(context, CONSOLE, node.id, filteredQuery));
  const secondTime = await timed(() => periodTablePage(context, CONSOLE, node.id, deepQuery));
  const floor = await timed(() => sql`select count(*) as n from unions where superior_id = ${node.id}`.execute(store.db));

  console.log(`${label}: seeded ${seeded.unions} CĐCS (${unions} under one node, ${Number(counted.rows[0]?.reports)} of its 2025 reports), ${seeded.reports} reports in ${seedSeconds} s`);
  console.log(`  old full list (overview, scope=direct): ${full.unions.length} lines, ${bytes(full).toLocaleString('en')} B JSON: ${shown(fullTime)}`);
  console.log(`  first page (50 of ${first.total}, totals over all): ${firstBytes.toLocaleString('en')} B JSON: ${shown(firstTime)}`);
  console.log(`  first page, notReported + search "don vi 1" by rate desc (${filtered.lines.length} of ${filtered.total}): ${bytes(filtered).toLocaleString('en')} B: ${shown(filteredTime)}`);
  console.log(`  second page (51–100): ${shown(secondTime)}   (three 500-line pages on, the cursor reached offset ${deep.offset})`);
  console.log(`  floor (count of the node's CĐCS): ${shown(floor)}`);
  await measureFormRound(store, seeded.province.id, node.id);
}

/** The chosen columns of a form round: each of the node's 6,000 CĐCS reported a 12-row form. */
async function measureFormRound(store: Store, provinceId: string, nodeId: string): Promise<void> {
  const form = rollupTestForm('bench-bang-cot', 12);
  for (const section of form.sections)
    if (section.kind === 'rows') for (const row of section.rows) if (['TONG_LD', 'TY_LE_DV', 'LUONG_TB', 'CHI_TIEU_8'].includes(row.code)) row.tableColumn = true;
  await storeTestForm(store, form, provinceId);
  const unions = await store.db.selectFrom('unions').select('id').where('superior_id', '=', nodeId).execute();
  const random = sequence(17);
  for (let start = 0; start < unions.length; start += 200)
    await store.db.transaction().execute(async (trx) => {
      for (const union of unions.slice(start, start + 200)) {
        const draft = random() < 0.05;
        await writeFormReport(trx, form, { unionId: union.id, superiorId: draft ? null : nodeId, values: randomValues(form, random), status: draft ? 'draft' : 'ready' });
      }
    });
  await (store.kind === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(store.db);
  const context = { store, now: () => new Date() };
  const query = { year: '2025', kind: 'yearly', form: form.id };
  const sorted = { ...query, sort: 'row:TY_LE_DV', direction: 'desc' };
  const first = await periodTablePage(context, CONSOLE, nodeId, query);
  if (first.total !== UNDER_ONE_NODE || first.columns.length !== 4 || first.columnTotals.some((total) => total.value === null))
    throw new Error(`form round: ${first.total} lines, ${first.columns.length} columns, totals ${JSON.stringify(first.columnTotals)}`);
  // A search keeps about a ninth of the lines; the filter and search read every chosen column of every line kept.
  const searched = { ...query, search: 'don vi 1', sort: 'row:TY_LE_DV', direction: 'desc' };
  const found = await periodTablePage(context, CONSOLE, nodeId, searched);
  if (found.total === 0 || found.total >= UNDER_ONE_NODE) throw new Error(`form round, searched: ${found.total} lines`);
  // What the charts of a form round read (app/staff/charts/useFormChartData.ts): every page of 500, by name.
  const everyPage = async () => {
    let page = await periodTablePage(context, CONSOLE, nodeId, { ...query, limit: '500' });
    const pages = [page];
    while (page.nextCursor) pages.push((page = await periodTablePage(context, CONSOLE, nodeId, { ...query, limit: '500', cursor: page.nextCursor })));
    return pages;
  };
  const pages = await everyPage();
  const lines = pages.reduce((sum, page) => sum + page.lines.length, 0);
  if (lines !== UNDER_ONE_NODE) throw new Error(`form round, every page: ${lines} lines`);
  const firstTime = await timed(() => periodTablePage(context, CONSOLE, nodeId, query));
  const sortedTime = await timed(() => periodTablePage(context, CONSOLE, nodeId, sorted));
  const searchedTime = await timed(() => periodTablePage(context, CONSOLE, nodeId, searched));
  const everyPageTime = await timed(everyPage);
  console.log(`  form round, 4 chosen columns (sum, ratio, weighted mean, count of yes), first page with their totals: ${bytes(first).toLocaleString('en')} B JSON: ${shown(firstTime)}`);
  console.log(`  form round, sorted by the ratio column desc: ${shown(sortedTime)}`);
  console.log(`  form round, search "don vi 1" by the ratio column desc (${found.lines.length} of ${found.total}): ${shown(searchedTime)}`);
  console.log(
    `  form round, every page of 500 as its charts read them (${pages.length} pages, ${lines} lines, ${pages.reduce((sum, page) => sum + bytes(page), 0).toLocaleString('en')} B JSON): ${shown(everyPageTime)}`,
  );
}

export async function run(): Promise<void> {
  console.log(`The period table of ${UNDER_ONE_NODE} CĐCS under one node (service time, ${RUNS} runs each):`);
  await withSqliteBenchStore('table', (store) => measure('SQLite', store));
  await withPostgresBenchStore('table', (store) => measure('PostgreSQL', store));
}

export default run;

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
