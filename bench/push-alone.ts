/**
 * One kind of push alone in its own process: the CPU (user + system) per push through `putReport`, in
 * blocks of 20 bodies made (parsed JSON, as the route hands them over) before the clock starts.
 * `CASE=plan94` pushes today's report as an officer fills it, `CASE=form` a report of a 60-row form; each
 * push changes one figure; `STATUS=ready|draft`, `STORE=sqlite|postgres`, `N` pushes.
 *
 * It uses only what build 8a22e3f (the code before report forms, issue 22) also has, so the same file
 * measures "a push of today's report today" in a checkout of that build beside this one (BENCHMARKS.md):
 *   git worktree add /tmp/before 8a22e3f && ln -s "$PWD/node_modules" /tmp/before/ && cp bench/push-alone.ts /tmp/before/bench/
 *   (cd /tmp/before && CASE=plan94 npx tsx bench/push-alone.ts); CASE=form npx tsx bench/push-alone.ts
 * The last revision number is checked: every push stored a revision.
 */
import { randomUUID } from 'node:crypto';
import { putReport } from '../src/server/services/reports';
import { readyReport, startTestServer } from '../test/server/helpers';

const which = process.env.CASE ?? 'plan94';
const status = process.env.STATUS === 'draft' ? 'draft' : 'ready';
const N = Math.max(20, Math.round(Number(process.env.N ?? 1000) / 20) * 20);
const server = await startTestServer({ store: process.env.STORE === 'postgres' ? 'postgres' : 'sqlite' });
// Loosely typed on purpose: the two builds' report types differ (this one has forms).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
const context = { store: server.store, now: () => new Date() };
const enrolled = await server.enrolDevice();
const device = await server.store.findDevice(enrolled.deviceId);
if (!device) throw new Error('no device');
const id = randomUUID();
// Today's report as an officer fills it: formRollups.ts's filledPlan94Report, written out here because
// that file is not in 8a22e3f.
const plan94: Body = readyReport({
  dissemination: { sessions: 4, attendance: 120 },
  studyAndFollow: { activities: 3, commendations: 2, notes: 'Tổ chức học tập chuyên đề năm 2025.' },
  officerTraining: { officersTrained: 5 },
  partyDevelopment: { introduced: 3, admitted: 2 },
  inspection: { inspections: 2, supervisions: 1, antiCorruptionSessions: 1, complaintsReceived: 4, complaintsResolved: 3 },
  grassrootsDemocracy: { workersConferenceHeld: true, workersConferenceDate: '2025-03-15' },
  administrativeReform: { notes: 'Gửi báo cáo qua ứng dụng.' },
  proposals: { text: 'Đề nghị tập huấn nghiệp vụ cho cán bộ mới.' },
} as Body);
let body: (n: number) => Body;
if (which === 'form') {
  const fixtures = await import('../test/server/formRollupFixtures');
  const form = fixtures.rollupTestForm('bench-60-dong', 60);
  await fixtures.storeTestForm(server.store, form, server.root.id);
  const report = { ...readyReport(), form: { id: form.id, version: 1 }, values: fixtures.randomValues(form, fixtures.sequence(5)) };
  body = (n) => ({ ...report, id, status, values: { ...report.values, CHI_TIEU_6: n } });
} else body = (n) => ({ ...plan94, id, status, dissemination: { ...plan94.dissemination, attendance: 100 + n } });

let revision: string | undefined;
async function push(document: Body): Promise<void> {
  const result = await putReport(context, device as Body, {
    pathId: id,
    body: document,
    ifMatch: revision === undefined ? undefined : `"${revision}"`,
    ifNoneMatch: revision === undefined ? '*' : undefined,
    idempotencyKey: randomUUID(),
  });
  revision = result.revision;
}
await push(JSON.parse(JSON.stringify(body(0))));
let cpu = 0;
for (let block = 0; block < N / 20; block++) {
  const bodies = Array.from({ length: 20 }, (_, i) => JSON.parse(JSON.stringify(body(1 + block * 20 + i))) as Body);
  const start = process.cpuUsage();
  for (const document of bodies) await push(document);
  const used = process.cpuUsage(start);
  cpu += (used.user + used.system) / 1000;
}
if (revision !== String(N + 1)) throw new Error(`revision ${revision} after ${N + 1} pushes`);
console.log(`${which} ${status} on ${process.env.STORE ?? 'sqlite'}: ${(cpu / N).toFixed(3)} ms CPU a push (${N} pushes, each a new revision)`);
await server.close();
