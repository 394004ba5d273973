/**
 * The province's overviews at the size of Hà Nội's plan (scripts/seed-province.ts: 85 commune unions,
 * 6,000 CĐCS, five years of reports), on SQLite and PostgreSQL: the server time of the province's
 * roll-up (85 rows and the CĐCS directly under it) and of one commune union's table (its ~70 CĐCS),
 * as the service computes them (SQL aggregates, no document parsed), beside a floor measured in the
 * same run: a bare `select count(*)` over the same period's reports. Median and slowest of 30 runs.
 *
 * `npx tsx bench/organisation.ts` runs it alone; `npm run bench` calls `run()`.
 */
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { nodeOverview } from '../src/server/services/overview';
import { CONSOLE } from '../src/server/services/staff';
import { withPostgresBenchStore, withSqliteBenchStore } from './benchStores';
import type { Store } from '../src/server/store/store';
import { seedProvince } from '../scripts/seed-province';

const RUNS = 30;

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

async function measure(label: string, store: Store): Promise<void> {
  await store.migrate();
  const seedStart = performance.now();
  const seeded = await seedProvince(store);
  const seedSeconds = ((performance.now() - seedStart) / 1000).toFixed(1);
  // A database that grew this much has been analysed by then (autovacuum on PostgreSQL); a fresh bulk load has not.
  await sql`analyze`.execute(store.db);
  const context = { store, now: () => new Date() };
  const commune = seeded.communes[0];
  if (!commune) throw new Error('no commune seeded');
  const query = { year: '2025', kind: 'yearly' };
  const province = await nodeOverview(context, CONSOLE, seeded.province.id, query);
  const communeTable = await nodeOverview(context, CONSOLE, commune.id, query);
  const provinceTime = await timed(() => nodeOverview(context, CONSOLE, seeded.province.id, query));
  const communeTime = await timed(() => nodeOverview(context, CONSOLE, commune.id, query));
  const floorProvince = await timed(() => sql`select count(*) as n from reports where year = ${2025} and kind = ${'yearly'}`.execute(store.db));
  const floorCommune = await timed(() =>
    sql`select count(*) as n from reports where year = ${2025} and kind = ${'yearly'} and superior_id = ${commune.id}`.execute(store.db),
  );
  console.log(`${label}: seeded ${seeded.communes.length} commune unions, ${seeded.unions} CĐCS, ${seeded.reports} reports in ${seedSeconds} s`);
  console.log(
    `  province roll-up 2025: ${province.rollup.length} rows + ${province.unions.length} CĐCS directly under, over ${province.summary.unions} CĐCS (${province.summary.reported} reported): median ${provinceTime.medianMs} ms, max ${provinceTime.maxMs} ms   floor (count of the period's ${seeded.unions}-ish reports): median ${floorProvince.medianMs} ms`,
  );
  console.log(
    `  one commune union's table 2025: ${communeTable.unions.length} CĐCS: median ${communeTime.medianMs} ms, max ${communeTime.maxMs} ms   floor (count of its filed reports): median ${floorCommune.medianMs} ms`,
  );
}

export async function run(): Promise<void> {
  console.log(`Overviews of a seeded province (service time, ${RUNS} runs each):`);
  await withSqliteBenchStore('org', (store) => measure('SQLite', store));
  await withPostgresBenchStore('org', (store) => measure('PostgreSQL', store));
}

export default run;

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
