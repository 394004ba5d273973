/**
 * `npm run bench` (after `vite build`): prints the client figures and Lighthouse's, then the server's when
 * bench/server.ts exists. Figures are printed, never asserted: wall-clock times vary by machine.
 */
import { existsSync } from 'node:fs';
import { runClientBench } from './client';
import { run as runFormRollupBench } from './formRollups';
import { run as runOrganisationBench } from './organisation';
import { runLighthouseBench } from './lighthouse';
import { run as runIdleSyncBench } from './sync-idle';

await runClientBench();

console.log('');
await runLighthouseBench();

console.log('\n== Sync when nothing changed (bench/sync-idle.ts) ==');
await runIdleSyncBench();

const serverBench = new URL('./server.ts', import.meta.url);
if (existsSync(serverBench)) {
  console.log('\n== Server (bench/server.ts) ==');
  const module = (await import(serverBench.href)) as { default?: unknown; run?: unknown };
  const run = typeof module.run === 'function' ? module.run : module.default;
  if (typeof run === 'function') await (run as () => Promise<void>)();
} else {
  console.log('\n(bench/server.ts is absent: no server figures.)');
}

console.log('\n== The province\'s overviews (bench/organisation.ts) ==');
await runOrganisationBench();

console.log("\n== A form's roll-up and the push of its report (bench/formRollups.ts) ==");
await runFormRollupBench();
