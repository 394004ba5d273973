/** The only reader of process.env: validated once at start, so a typo stops the server with a clear message. */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import type { StoreConfig } from './store/open';

const envSchema = z.object({
  PORT: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(65_535)), 8080),
  HOST: z._default(z.string().check(z.minLength(1)), '0.0.0.0'),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), './data'),
  DATABASE_URL: z.optional(z.string()),
  DIST_DIR: z._default(z.string().check(z.minLength(1)), './dist'),
  /** The reverse proxy's address(es)/subnets (`127.0.0.1,10.0.0.0/8`) or how many proxies stand in front (`1`): X-Forwarded-For is believed only that far (rate limits key on it). */
  TRUST_PROXY: z.optional(z.string()),
  LOG_LEVEL: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
});

export interface ServerEnv {
  port: number;
  host: string;
  dataDir: string;
  distDir: string;
  store: StoreConfig;
  /** false, the trusted proxy addresses/subnets, or the number of proxies in front. */
  trustProxy: false | string[] | number;
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

const TRUST_PROXY_HELP =
  'Write the address of the reverse proxy in front of this server (TRUST_PROXY=127.0.0.1 when nginx or Caddy runs on the same machine; ' +
  'a list or subnets such as TRUST_PROXY=10.0.0.5,10.0.1.0/24), or how many proxies stand in front (TRUST_PROXY=1).';

/**
 * `true` would believe the left-most X-Forwarded-For address, which the client writes itself: every
 * guess would come "from" a new address and the rate limits would never hold. So it is refused.
 */
export function parseTrustProxy(value: string | undefined): false | string[] | number {
  if (value === undefined || value === 'false') return false;
  if (value.trim().toLowerCase() === 'true')
    throw new Error(`Invalid environment: TRUST_PROXY=true would let any client choose its own address with X-Forwarded-For. ${TRUST_PROXY_HELP}`);
  if (/^\d+$/.test(value.trim())) {
    const hops = Number(value.trim());
    if (hops < 1 || hops > 10) throw new Error(`Invalid environment: TRUST_PROXY hop count must be 1 to 10. ${TRUST_PROXY_HELP}`);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (family === 0 || !prefixOk || rest.length > 0)
      throw new Error(`Invalid environment: TRUST_PROXY entry "${entry}" is not an IP address or subnet. ${TRUST_PROXY_HELP}`);
  }
  if (entries.length === 0) return false;
  return entries;
}

/** The admin command line's password for `create-district-user` when no --password flag is given (never a default). */
export function readAdminPassword(source: NodeJS.ProcessEnv = process.env): string | undefined {
  const password = source.ADMIN_PASSWORD;
  return password === undefined || password === '' ? undefined : password;
}
