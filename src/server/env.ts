/**
 * The only reader of process.env: validated once at start, so a typo stops the server with a clear message.
 * The server (`npm start`, `npm run serve`) and the admin command line (`npm run admin`) read their settings
 * here, from the environment or from a `.env` file in the folder they run in, so that both open the same
 * database without the operator repeating DATA_DIR / DATABASE_URL for each.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import * as z from 'zod/mini';
import { DEFAULT_BACKUP_AT, DEFAULT_BACKUP_KEEP, type NightlyBackups } from './services/backups';
import type { StoreConfig } from './store/open';

const envSchema = z.object({
  PORT: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(65_535)), 8080),
  HOST: z._default(z.string().check(z.minLength(1)), '0.0.0.0'),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), './data'),
  DATABASE_URL: z.optional(z.string()),
  DIST_DIR: z._default(z.string().check(z.minLength(1)), './dist'),
  /** The reverse proxy's address(es)/subnets (`127.0.0.1,10.0.0.0/8`) or how many proxies stand in front (`1`): X-Forwarded-For is believed only that far (rate limits key on it). */
  TRUST_PROXY: z.optional(z.string()),
  /** Where the server puts its nightly backups; unset: no nightly backups (docs/operations.md). */
  BACKUP_DIR: z.optional(z.string().check(z.minLength(1))),
  /** How many nightly backups are kept. */
  BACKUP_KEEP: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(3650)), DEFAULT_BACKUP_KEEP),
  /** Vietnam's time of the nightly backup, HH:MM. */
  BACKUP_AT: z._default(z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/)), DEFAULT_BACKUP_AT),
  LOG_LEVEL: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  /** Notifications to the phones (docs/api.md "Notifications"): the VAPID contact the push services see, a `mailto:` or `https:` address. */
  PUSH_SUBJECT: z._default(z.string().check(z.regex(/^(mailto:|https:\/\/)\S+$/)), 'mailto:admin@example.invalid'),
  /** Sends per second per server process. */
  PUSH_RATE_PER_SECOND: z._default(z.coerce.number().check(z.gt(0), z.lte(1_000)), 20),
  /** A push service's answer is awaited this long (ms); a send claimed by a process that died is taken again after about twice that. */
  PUSH_SEND_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.gte(100), z.lte(120_000)), 30_000),
  /** Tests only: subscriptions may name an http endpoint on 127.0.0.1/localhost. */
  PUSH_ALLOW_LOCAL_ENDPOINTS: z._default(z.enum(['0', '1']), '0'),
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
  push: { subject: string; ratePerSecond: number; sendTimeoutMs: number; allowLocalEndpoints: boolean };
  /** The nightly backups, when BACKUP_DIR is set. */
  backups: NightlyBackups | null;
}

export const SQLITE_FILE_NAME = 'bao-cao-cdcs.sqlite';

/** The settings file both the server and the admin command line read, in the folder they run in. */
export const SETTINGS_FILE_NAME = '.env';

export interface Settings {
  /** The environment with the file's values added for the names the environment does not set. */
  values: NodeJS.ProcessEnv;
  /** The settings file that was read (absolute), or null when there is none. */
  file: string | null;
  /** The names whose value came from the file. */
  fromFile: ReadonlySet<string>;
}

/**
 * The environment, completed from the settings file (`NAME=value` lines, as `node --env-file` reads them).
 * A variable set in the environment wins, also when it is set empty (`DATABASE_URL= npm run admin …`
 * means "not PostgreSQL here"), so one command can always override the file.
 */
export function readSettings(source: NodeJS.ProcessEnv = process.env, file = resolve(SETTINGS_FILE_NAME)): Settings {
  if (!existsSync(file)) return { values: source, file: null, fromFile: new Set() };
  const values: NodeJS.ProcessEnv = { ...source };
  const fromFile = new Set<string>();
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (values[name] !== undefined || value === undefined) continue;
    values[name] = value;
    fromFile.add(name);
  }
  return { values, file, fromFile };
}

export function readEnv(source: NodeJS.ProcessEnv = readSettings().values): ServerEnv {
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
    push: {
      subject: env.PUSH_SUBJECT,
      ratePerSecond: env.PUSH_RATE_PER_SECOND,
      sendTimeoutMs: env.PUSH_SEND_TIMEOUT_MS,
      allowLocalEndpoints: env.PUSH_ALLOW_LOCAL_ENDPOINTS === '1',
    },
    backups: env.BACKUP_DIR === undefined ? null : { dir: resolve(env.BACKUP_DIR), keep: env.BACKUP_KEEP, at: env.BACKUP_AT },
  };
}

/** Where the store lives, to be said to the operator: the SQLite file, or the PostgreSQL URL without its password. */
export function storeLocation(store: StoreConfig): string {
  if (store.kind === 'sqlite') return store.file;
  const url = new URL(store.url);
  url.password = '';
  return url.toString();
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

/**
 * The admin command line's password for `create-staff` / `set-password` when no --password flag is given
 * (never a default). From the environment only, never the settings file: a password kept there would be
 * given to every account created afterwards.
 */
export function readAdminPassword(source: NodeJS.ProcessEnv = process.env): string | undefined {
  const password = source.ADMIN_PASSWORD;
  return password === undefined || password === '' ? undefined : password;
}
