/** Starts the province's server: read the environment, open the store, migrate, listen; close cleanly on a signal. */
import { mkdirSync } from 'node:fs';
import { buildApp } from './app';
import { readEnv, readSettings, storeLocation } from './env';
import { lastBackup, scheduleNightlyBackups } from './services/backups';
import { forgetExpired } from './services/maintenance';
import { openStore } from './store/open';

const CLEANUP_EVERY_MS = 6 * 3_600_000;

async function main(): Promise<void> {
  // The admin command line reads the same settings (src/server/cli/admin.ts) and says which database it opened.
  const settings = readSettings();
  const env = readEnv(settings.values);
  const store = openStore(env.store);
  const migrated = await store.migrate();
  const app = await buildApp({
    store,
    distDir: env.distDir,
    trustProxy: env.trustProxy,
    logger: { level: env.logLevel },
    notifications: env.push,
    nightlyBackups: env.backups,
  });

  if (typeof env.trustProxy === 'number')
    app.log.warn(
      { trustProxy: env.trustProxy },
      'TRUST_PROXY is a hop count: make sure clients can reach this server only through the proxy (HOST=127.0.0.1 or a private network), or name the proxy instead',
    );

  const context = { store, now: () => new Date() };
  const cleanup = () =>
    forgetExpired(context).catch((error: unknown) => app.log.warn({ err: error }, 'cleanup of expired records failed'));
  await cleanup();
  const cleanupTimer = setInterval(() => void cleanup(), CLEANUP_EVERY_MS);
  cleanupTimer.unref();
  // BACKUP_DIR set: the server makes its own nightly backups (one process of several on one PostgreSQL).
  if (env.backups) mkdirSync(env.backups.dir, { recursive: true });
  const stopBackups = env.backups ? scheduleNightlyBackups(context, env.store, env.backups, app.log) : () => undefined;
  if (!env.backups) app.log.info({ lastBackup: await lastBackup(context).catch(() => null) }, 'nightly backups off (BACKUP_DIR is not set)');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(cleanupTimer);
    stopBackups();
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
  // The VAPID key is made (first start) or read, the due reminders queued, and the outbox sent from now on.
  app.notifications.start();
  app.log.info(
    { store: store.kind, database: storeLocation(env.store), settingsFile: settings.file, migrations: migrated.applied, distDir: env.distDir },
    'ready',
  );
  // One plain line that scripts and tests can wait for.
  console.log(`listening on ${address}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
