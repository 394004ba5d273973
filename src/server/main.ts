/** Starts the district server: read the environment, open the store, migrate, listen; close cleanly on a signal. */
import { buildApp } from './app';
import { readEnv } from './env';
import { openStore } from './store/open';

async function main(): Promise<void> {
  const env = readEnv();
  const store = openStore(env.store);
  const migrated = await store.migrate();
  const app = await buildApp({
    store,
    distDir: env.distDir,
    trustProxy: env.trustProxy,
    logger: { level: env.logLevel },
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing: finishing requests in flight');
    try {
      await app.close();
      await store.close();
      app.log.info('closed');
      process.exitCode = 0;
    } catch (error) {
      app.log.error({ err: error }, 'close failed');
      process.exitCode = 1;
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  const address = await app.listen({ port: env.port, host: env.host });
  app.log.info({ store: store.kind, migrations: migrated.applied, distDir: env.distDir }, 'ready');
  // One plain line that scripts and tests can wait for.
  console.log(`listening on ${address}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
