/** The only reader of process.env: validated once at start, so a typo stops the server with a clear message. */
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import type { StoreConfig } from './store/open';

const envSchema = z.object({
  PORT: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(65_535)), 8080),
  HOST: z._default(z.string().check(z.minLength(1)), '0.0.0.0'),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), './data'),
  DATABASE_URL: z.optional(z.string()),
  DIST_DIR: z._default(z.string().check(z.minLength(1)), './dist'),
  /** `true`, or a comma list of proxy addresses/subnets (`127.0.0.1,10.0.0.0/8`): only then is X-Forwarded-For believed (rate limits key on it). */
  TRUST_PROXY: z.optional(z.string()),
  LOG_LEVEL: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
});

export interface ServerEnv {
  port: number;
  host: string;
  dataDir: string;
  distDir: string;
  store: StoreConfig;
  trustProxy: boolean | string;
  logLevel: string;
}

export const SQLITE_FILE_NAME = 'bao-cao-cdcs.sqlite';

export function readEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const env = parsed.data;
  const dataDir = resolve(env.DATA_DIR);
  const url = env.DATABASE_URL;
  let store: StoreConfig;
  if (url === undefined) store = { kind: 'sqlite', file: resolve(dataDir, SQLITE_FILE_NAME) };
  else if (/^postgres(ql)?:\/\//.test(url)) store = { kind: 'postgres', url };
  else throw new Error('Invalid environment: DATABASE_URL must start with postgres:// (leave it unset for SQLite).');
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir,
    distDir: resolve(env.DIST_DIR),
    store,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL,
  };
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  // Fastify ignores a bare hop count (it cannot check the peer), so name the proxies instead.
  if (/^\d+$/.test(value)) throw new Error('Invalid environment: TRUST_PROXY takes true or the proxy addresses, not a hop count.');
  return value;
}

/** The admin command line's password for `create-district-user` when no --password flag is given (never a default). */
export function readAdminPassword(source: NodeJS.ProcessEnv = process.env): string | undefined {
  const password = source.ADMIN_PASSWORD;
  return password === undefined || password === '' ? undefined : password;
}
