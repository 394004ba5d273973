/** Builds the server (routes, headers, static app) without listening, so tests drive it in-process. */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MAX_REPORT_BODY_BYTES } from '../domain/sync';
import { installErrorHandler, sendApiError } from './http/errors';
import { DEFAULT_RATE_LIMITS, type RateLimits, registerRoutes } from './http/routes';
import { registerHeaders, registerWeb } from './http/web';
import type { ServiceContext } from './services/context';
import type { Store } from './store/store';

export interface BuildAppOptions {
  store: Store;
  /** The built PWA (`dist/`); null or a folder without index.html serves the API only. */
  distDir?: string | null;
  /** The clock; tests move it to expire codes and sessions. */
  now?: () => Date;
  rateLimits?: Partial<RateLimits>;
  trustProxy?: boolean | string;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: MAX_REPORT_BODY_BYTES,
    trustProxy: options.trustProxy ?? false,
    logger: options.logger ?? false,
    // Devices retry on 503 while the server shuts down.
    return503OnClosing: true,
    // A path Fastify cannot route (bad percent-encoding, an over-long id) still answers in our error format.
    frameworkErrors: (_error, _request, reply) => sendApiError(reply, 400, 'bad_request', 'The request path is not valid.'),
  });
  // The API speaks JSON only: without this, Fastify would hand a text/plain body to the handlers.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('device', null);
  app.decorateRequest('staff', null);

  const context: ServiceContext = { store: options.store, now: options.now ?? (() => new Date()) };
  installErrorHandler(app);
  registerHeaders(app);
  registerRoutes(app, context, { ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
  await registerWeb(app, options.distDir ?? null);
  return app;
}
