/**
 * What a sync costs when nothing changed: an enrolled device holding a few synced reports runs
 * sync cycles against the real server (SQLite, loopback), through a byte-counting TCP proxy.
 * Goal: zero pushes; only the pull's small GET remains. Run: `npx tsx bench/sync-idle.ts`.
 */
import { fileURLToPath } from 'node:url';
import { startTestServer } from '../test/server/helpers';
import { makeDevice } from '../test/app/sync/devices';
import { startProxy } from '../test/app/sync/proxy';

const IDLE_CYCLES = 20;

export async function run(): Promise<void> {
  const server = await startTestServer();
  const proxy = await startProxy(server.port);
  const device = await makeDevice('bench');
  try {
    const union = await server.createUnion('CĐCS Công ty May Tây Ninh');
    await device.enrol(proxy.url, (await server.issueCode(union.id)).code);
    for (const year of [2023, 2024, 2025]) {
      const created = await device.local.reports.create({ year, kind: 'yearly' });
      await device.local.reports.save({
        ...created.document,
        membership: { ...created.document.membership, workers: 120, members: 100 },
      });
    }
    proxy.resetCounters();
    const first = await device.engine.syncOnce();
    const firstUp = proxy.bytesFromDevice();
    const firstDown = proxy.bytesToDevice();
    const firstRequests = proxy.requestLines().length;

    proxy.resetCounters();
    let pushRequests = 0;
    for (let cycle = 0; cycle < IDLE_CYCLES; cycle++) {
      const result = await device.engine.syncOnce();
      if (result.outcome !== 'synced') throw new Error(`idle cycle ${cycle}: ${result.outcome}`);
      pushRequests += result.pushRequests;
    }
    const lines = proxy.requestLines();
    const puts = lines.filter((line) => line.startsWith('PUT')).length;
    console.log(`first sync of 3 reports: ${first.pushRequests} PUTs, ${firstRequests} requests, ${firstUp} B sent, ${firstDown} B received`);
    console.log(`idle sync (nothing changed), mean of ${IDLE_CYCLES} cycles:`);
    console.log(`  PUT requests: ${puts} (engine counted ${pushRequests})`);
    console.log(`  requests per cycle: ${(lines.length / IDLE_CYCLES).toFixed(1)} (${lines[0] ?? 'none'})`);
    console.log(`  bytes sent per cycle: ${Math.round(proxy.bytesFromDevice() / IDLE_CYCLES)} B (headers of one GET; body 0 B)`);
    console.log(`  bytes received per cycle: ${Math.round(proxy.bytesToDevice() / IDLE_CYCLES)} B`);
    if (puts !== 0) console.log('  WARNING: an idle sync pushed; the goal is zero PUTs');
  } finally {
    device.close();
    await proxy.close();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
