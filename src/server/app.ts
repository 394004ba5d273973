/** Builds the server (routes, headers, static app) without listening, so tests drive it in-process. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MAX_REPORT_BODY_BYTES } from '../domain/sync';
import { registerApiCompression } from './http/compression';
import { answerClientError, installErrorHandler, sendApiError } from './http/errors';
import { DEFAULT_PRESSURE_LIMITS, type PressureLimits, registerLoadShedding } from './http/loadShedding';
import { databasePushStore, registerPushLimits } from './http/pushLimits';
import { DEFAULT_RATE_LIMITS, type RateLimits, registerRoutes } from './http/routes';
import { registerHeaders, setAnswerHeaders } from './http/headers';
import { registerNotificationRoutes } from './http/notificationRoutes';
import { requestLogging } from './http/logging';
import { registerServerRoutes } from './http/serverRoutes';
import { registerWeb } from './http/web';
import type { NightlyBackups } from './services/backups';
import type { ServiceContext } from './services/context';
import { NotificationWorker, type NotificationWorkerOptions } from './services/notificationWorker';
import { DatabaseAttemptStore, MemoryAttemptStore } from './services/rateLimits';
import type { Store } from './store/store';

export interface BuildAppOptions {
  store: Store;
  /** The built PWA (`dist/`); null or a folder without index.html serves the API only. */
  distDir?: string | null;
  /** The clock; tests move it to expire codes and sessions. */
  now?: () => Date;
  rateLimits?: Partial<RateLimits>;
  /** The proxies whose X-Forwarded-For is believed (addresses/subnets, or a hop count); never `true` (env.ts). */
  trustProxy?: false | string[] | number;
  logger?: FastifyServerOptions['logger'];
  timeouts?: Partial<ConnectionTimeouts>;
  /** When requests are shed with 503 (http/loadShedding.ts); tests lower the threshold. */
  pressure?: Partial<PressureLimits>;
  /**
   * Where the rate limits count: `database` on PostgreSQL (several processes may serve it and must
   * count together), `memory` on SQLite (one process; docs/decisions/0004-hardening-behind-a-proxy.md).
   */
  limitCounts?: 'memory' | 'database';
  /** The nightly backups the server makes (BACKUP_DIR), as the admin's screen tells them; null: none. */
  nightlyBackups?: NightlyBackups | null;
  /**
   * Notifications to the officer's phone (services/notificationWorker.ts): the worker's settings, and
   * whether a subscription may name an http endpoint on this machine (tests run their push service).
   * The worker's timers start only when main.ts calls `app.notifications.start()`; tests call `tick()`.
   */
  notifications?: Partial<NotificationWorkerOptions> & { allowLocalEndpoints?: boolean };
}

declare module 'fastify' {
  interface FastifyInstance {
    notifications: NotificationWorker;
  }
}

/** How long a connection may take at each stage (docs/decisions/0004-hardening-behind-a-proxy.md). */
export interface ConnectionTimeouts {
  /** From the connection (or the end of the previous request) to the last header byte. */
  headersMs: number;
  /** The whole request, body included: a 256 KB report over a 50 kbit/s line takes about 45 s. */
  requestMs: number;
  /** An idle keep-alive connection; above a proxy's own upstream idle time (nginx: 60 s). */
  keepAliveMs: number;
  /** How often Node looks for connections past the first two limits. */
  checkEveryMs: number;
}

export const DEFAULT_TIMEOUTS: ConnectionTimeouts = {
  headersMs: 10_000,
  requestMs: 60_000,
  keepAliveMs: 65_000,
  checkEveryMs: 1_000,
};

/** A hop count becomes "trust the first n hops" (Fastify's types take no number). */
function trustProxyOption(trust: false | string[] | number): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    bodyLimit: MAX_REPORT_BODY_BYTES,
    // Slow headers, slow bodies and idle connections are cut; the first two get our JSON 408.
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: timeouts.checkEveryMs },
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    clientErrorHandler: answerClientError,
    trustProxy: trustProxyOption(options.trustProxy ?? false),
    // A request id on every line, and no header, query, body or secret in the log (http/logging.ts).
    ...requestLogging(options.logger),
    // Devices retry on 503 while the server shuts down.
    return503OnClosing: true,
    // A path Fastify cannot route (bad percent-encoding, an over-long id) still answers in our error
    // format, with the headers onSend would have set: this answer leaves without running the hooks.
    frameworkErrors: (_error, request, reply) => {
      setAnswerHeaders(request, reply);
      return sendApiError(reply, 400, 'bad_request', 'The request path is not valid.');
    },
  });
  // The API speaks JSON only: without this, Fastify would hand a text/plain body to the handlers.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('device', null);
  app.decorateRequest('staff', null);

  const context: ServiceContext = { store: options.store, now: options.now ?? (() => new Date()) };
  installErrorHandler(app);
  registerHeaders(app);
  await registerLoadShedding(app, { ...DEFAULT_PRESSURE_LIMITS, ...options.pressure });
  await registerApiCompression(app);
  const shared = (options.limitCounts ?? (options.store.kind === 'postgres' ? 'database' : 'memory')) === 'database';
  await registerPushLimits(app, shared ? databasePushStore(context) : undefined);
  registerRoutes(app, context, { ...DEFAULT_RATE_LIMITS, ...options.rateLimits }, shared ? new DatabaseAttemptStore(options.store) : new MemoryAttemptStore());
  const { allowLocalEndpoints = false, ...workerOptions } = options.notifications ?? {};
  registerNotificationRoutes(app, context, { allowLocalEndpoints });
  const notifications = new NotificationWorker(context, { log: (error, message) => app.log.warn({ err: error }, message), ...workerOptions });
  app.decorate('notifications', notifications);
  app.addHook('onClose', () => notifications.stop());
  registerServerRoutes(app, context, options.nightlyBackups ?? null);
  await registerWeb(app, options.distDir ?? null);
  return app;
}
