/**
 * District administration without prompts, so a script can drive it:
 *   npm run admin -- create-district-user --username lan --password '…'   (or ADMIN_PASSWORD)
 *   npm run admin -- create-union --name 'CĐCS Công ty May Tây Ninh'
 *   npm run admin -- issue-code --union <id or code> [--days 7] [--max-uses 3]
 *   npm run admin -- revoke-device --device <id>
 *   npm run admin -- list-unions [--year 2025 --kind yearly]
 * Add --json for JSON on stdout. Uses the same environment (DATA_DIR / DATABASE_URL) and store as the server.
 */
import { parseArgs } from 'node:util';
import { readAdminPassword, readEnv } from '../env';
import type { ServiceContext } from '../services/context';
import {
  createDistrictUser,
  createUnion,
  issueEnrolmentCode,
  MIN_PASSWORD_LENGTH,
  periodOverview,
  revokeDevice,
} from '../services/district';
import { ApiFailure } from '../services/errors';
import { openStore } from '../store/open';

const HELP = `Báo cáo CĐCS — district administration

Usage: npm run admin -- <command> [options] [--json]

Commands:
  create-district-user --username <name> [--password <pw>]
        Creates a district user. The password comes from --password or the ADMIN_PASSWORD
        environment variable (at least ${MIN_PASSWORD_LENGTH} characters); there is no default and no prompt.
  create-union --name <name> [--code <district code>] [--employer <name>] [--sector public|private|foreign]
        Creates a grassroots union (CĐCS) and prints its id.
  issue-code --union <union id or code> [--days <1-90, default 7>] [--max-uses <1-20, default 3>]
        Issues an enrolment code for a union's devices (shown only now, e.g. K7QF-M2XP).
  revoke-device --device <device id>
        Revokes a device; its token stops working at once.
  list-unions [--year <year> --kind yearly|interim|final]
        Lists unions with their enrolled devices and, for the period, where their report stands.

Options:
  --json   print JSON (for scripts)
  --help   this text

Environment: DATABASE_URL (postgres://…) or DATA_DIR (SQLite file DATA_DIR/bao-cao-cdcs.sqlite, default ./data).
`;

type Flags = Record<string, string | boolean | undefined>;

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required.`);
  return value;
}

function optionalInt(flags: Flags, name: string): number | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number.`);
  return Number(value);
}

class UsageError extends Error {}

async function run(command: string, flags: Flags, context: ServiceContext): Promise<{ json: unknown; text: string }> {
  switch (command) {
    case 'create-district-user': {
      const password = typeof flags.password === 'string' ? flags.password : readAdminPassword();
      if (!password) throw new UsageError('Give the password with --password or ADMIN_PASSWORD.');
      const user = await createDistrictUser(context, { username: required(flags, 'username'), password });
      return { json: user, text: `District user "${user.username}" created (id ${user.id}).` };
    }
    case 'create-union': {
      const union = await createUnion(context, {
        name: required(flags, 'name'),
        ...(typeof flags.code === 'string' ? { code: flags.code } : {}),
        ...(typeof flags.employer === 'string' ? { employer: flags.employer } : {}),
        ...(typeof flags.sector === 'string' ? { sector: flags.sector } : {}),
      });
      return { json: union, text: `Union "${union.name}"${union.code ? ` (${union.code})` : ''} created.\nid: ${union.id}` };
    }
    case 'issue-code': {
      // The district knows its unions by code (TN-01) more readily than by id: accept either.
      const named = required(flags, 'union');
      const byCode = await context.store.findUnionByCode(named.trim().toUpperCase());
      const issued = await issueEnrolmentCode(context, byCode?.id ?? named, {
        validDays: optionalInt(flags, 'days'),
        maxUses: optionalInt(flags, 'max-uses'),
      });
      return {
        json: issued,
        text: `Enrolment code: ${issued.code}\nvalid until ${issued.expiresAt}, for up to ${issued.maxUses} devices.`,
      };
    }
    case 'revoke-device': {
      const device = await revokeDevice(context, required(flags, 'device'));
      return { json: device, text: `Device "${device.name}" revoked at ${device.revokedAt}.` };
    }
    case 'list-unions': {
      const year = typeof flags.year === 'string' ? flags.year : String(context.now().getUTCFullYear());
      const kind = typeof flags.kind === 'string' ? flags.kind : 'yearly';
      const overview = await periodOverview(context, { year, kind });
      const lines = overview.unions.map(
        (union) => `${union.id}  ${union.code ?? '-'}  ${union.name}  devices: ${union.activeDevices}  ${year}/${kind}: ${union.standing}`,
      );
      return { json: overview, text: lines.length ? lines.join('\n') : 'No unions yet.' };
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      username: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      code: { type: 'string' },
      employer: { type: 'string' },
      sector: { type: 'string' },
      union: { type: 'string' },
      days: { type: 'string' },
      'max-uses': { type: 'string' },
      device: { type: 'string' },
      year: { type: 'string' },
      kind: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const env = readEnv();
  const store = openStore(env.store);
  try {
    await store.migrate();
    const result = await run(command, values, { store, now: () => new Date() });
    process.stdout.write(values.json ? `${JSON.stringify(result.json, null, 2)}\n` : `${result.text}\n`);
    return 0;
  } catch (error) {
    const json = values.json === true;
    if (error instanceof UsageError) {
      process.stderr.write(json ? `${JSON.stringify({ error: 'usage', message: error.message })}\n` : `${error.message}\n\n${HELP}`);
      return 2;
    }
    if (error instanceof ApiFailure) {
      const details = Array.isArray(error.details)
        ? (error.details as { path: string; message: string }[]).map((d) => `  ${d.path}: ${d.message}`).join('\n')
        : '';
      process.stderr.write(
        json
          ? `${JSON.stringify({ error: error.code, message: error.message, details: error.details })}\n`
          : `${error.message}\n${details}\n`,
      );
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
