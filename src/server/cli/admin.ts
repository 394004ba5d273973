/**
 * Administration of the organisation tree without prompts, so a script can drive it:
 *   npm run admin -- create-node --kind province --name 'Liên đoàn Lao động tỉnh Tây Ninh' [--short-name …] [--code TN]
 *   npm run admin -- create-node --parent TN --kind upper_commune --name 'Công đoàn phường Tân Ninh'
 *   npm run admin -- update-node --node <id or code> [--name …] [--short-name …] [--code …] [--kind …]
 *   npm run admin -- list-nodes
 *   npm run admin -- create-staff --node <id or code> --role admin|reviewer|viewer --username lan [--password '…']  (or ADMIN_PASSWORD)
 *   npm run admin -- set-password --username lan [--password '…']
 *   npm run admin -- create-union --node <id or code> --name 'CĐCS Công ty May Tây Ninh' [--code …]
 *   npm run admin -- move-union --union <id or code> --to <node id or code> [--effective YYYY-MM-DD]
 *   npm run admin -- issue-code --union <id or code> [--days 7] [--max-uses 3]
 *   npm run admin -- revoke-device --device <id>
 *   npm run admin -- list-unions [--node <id or code>] [--year 2025 [--kind yearly]]
 *   npm run admin -- backup --to FILE | restore --from FILE [--force] | copy-store --to postgres://… [--force]  (./backups.ts)
 *   npm run admin -- import-form FILE.xlsx --node <id or code> [--publish]
 *   npm run admin -- export-form <form code> <version> --to FILE.xlsx
 * Add --json for JSON on stdout. Reads the server's own settings (DATA_DIR / DATABASE_URL, from the
 * environment or the .env file: src/server/env.ts) and uses the same store and services: the command line
 * acts with an admin's rights over the whole tree. It answers in Vietnamese (messages.ts), says which
 * database it opened, and creates a database only for the command that starts a tree (the root node):
 * any other command on a database that does not exist says so instead of opening an empty one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { readAdminPassword, readEnv, readSettings, type ServerEnv, type Settings, storeLocation } from '../env';
import type { OrgNode } from '../../domain/organisation';
import type { ServiceContext } from '../services/context';
import { issueEnrolmentCode, revokeDevice } from '../services/devices';
import { ApiFailure } from '../services/errors';
import { exportForm, importForm, publishForm } from '../services/forms';
import {
  createNode,
  createRootNode,
  createUnion,
  findNodeByCodeOrId,
  moveUnion,
  provinceToday,
  rootNodes,
  treeOutline,
  unionIdByCodeOrId,
  updateNode,
} from '../services/organisation';
import { nodeOverview } from '../services/overview';
import { CONSOLE, createStaff, setStaffPassword } from '../services/staff';
import { openStore, type StoreConfig } from '../store/open';
import { backupCommand, BackupRefusal, copyStoreCommand, restoreCommand } from './backups';
import {
  badSettings,
  cannotConnect,
  type DatabaseInUse,
  databaseLine,
  formExported,
  formStored,
  HELP,
  kindName,
  newDatabase,
  noDatabase,
  noNodes,
  notFound,
  periodName,
  refusal,
  roleName,
  standingName,
  usage,
  vietnamDate,
  vietnamDateTime,
} from './messages';

type Flags = Record<string, string | boolean | undefined>;

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(usage.missing(name));
  return value;
}

function optionalInt(flags: Flags, name: string): number | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError(usage.wholeNumber(name));
  return Number(value);
}

class UsageError extends Error {}

/** A refusal the command line itself makes, already in Vietnamese (exit status 1, like the services' refusals). */
class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function optional(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** A node by id or by code; the root when none is named and there is exactly one. */
async function findNode(context: CliContext, named: string | undefined): Promise<OrgNode> {
  if (named === undefined) {
    const roots = await rootNodes(context);
    if (roots.length === 1) return roots[0] as OrgNode;
    if (roots.length === 0) throw new Refusal('no_nodes', noNodes(context.database));
    throw new UsageError(usage.nameTheNode());
  }
  const node = await findNodeByCodeOrId(context, named);
  if (!node) throw new Refusal('not_found', notFound.node(named));
  return node;
}

/** The command's n-th word after its name (`import-form FILE.xlsx`): run() finds them under `_positionals`. */
function positional(flags: Flags, index: number, what: string): string {
  const value = flags[`_positional${index}`];
  if (typeof value !== 'string' || value === '') throw new UsageError(usage.missingWord(what));
  return value;
}

function password(flags: Flags): string {
  const value = typeof flags.password === 'string' ? flags.password : readAdminPassword();
  if (!value) throw new UsageError(usage.password());
  return value;
}

/** The services' context, and the database it is on (named in messages). */
interface CliContext extends ServiceContext {
  database: DatabaseInUse;
  /** The store the settings name, for the commands that open connections of their own (backups). */
  config: StoreConfig;
}

async function run(command: string, flags: Flags, context: CliContext): Promise<{ json: unknown; text: string }> {
  switch (command) {
    case 'create-node': {
      const fields = {
        kind: required(flags, 'kind'),
        name: required(flags, 'name'),
        ...(optional(flags, 'short-name') !== undefined ? { shortName: optional(flags, 'short-name') } : {}),
        ...(optional(flags, 'code') !== undefined ? { code: optional(flags, 'code') } : {}),
      };
      const parent = optional(flags, 'parent');
      const node =
        parent === undefined
          ? await createRootNode(context, fields)
          : await createNode(context, CONSOLE, { ...fields, parentId: (await findNode(context, parent)).id });
      return { json: node, text: `Đã tạo "${node.name}" (${kindName(node.kind)}${node.code ? `, mã ${node.code}` : ''}).\nid: ${node.id}` };
    }
    case 'update-node': {
      const node = await findNode(context, required(flags, 'node'));
      const updated = await updateNode(context, CONSOLE, node.id, {
        ...(optional(flags, 'name') !== undefined ? { name: optional(flags, 'name') } : {}),
        ...(optional(flags, 'short-name') !== undefined ? { shortName: optional(flags, 'short-name') } : {}),
        ...(optional(flags, 'code') !== undefined ? { code: optional(flags, 'code') || null } : {}),
        ...(optional(flags, 'kind') !== undefined ? { kind: optional(flags, 'kind') } : {}),
      });
      return { json: updated, text: `Đã cập nhật "${updated.name}" (${kindName(updated.kind)}${updated.code ? `, mã ${updated.code}` : ''}).` };
    }
    case 'list-nodes': {
      const outline = await treeOutline(context);
      const lines = outline.map(
        ({ node, depth, directUnions }) =>
          `${'  '.repeat(depth)}${node.name}  [${kindName(node.kind)}${node.code ? `, mã ${node.code}` : ''}]  CĐCS trực thuộc trực tiếp: ${directUnions}  id: ${node.id}`,
      );
      return { json: outline.map(({ node }) => node), text: lines.length ? lines.join('\n') : noNodes(context.database) };
    }
    case 'create-staff': {
      const node = await findNode(context, required(flags, 'node'));
      const member = await createStaff(context, CONSOLE, node.id, { username: required(flags, 'username'), password: password(flags), role: required(flags, 'role') });
      return { json: member, text: `Đã tạo tài khoản "${member.username}" (${member.role}: ${roleName(member.role)}) tại "${node.name}" (id ${member.id}).` };
    }
    case 'set-password': {
      const member = await setStaffPassword(context, required(flags, 'username'), password(flags));
      return { json: member, text: `Đã đặt mật khẩu mới cho "${member.username}"; các phiên đăng nhập của tài khoản này đã kết thúc.` };
    }
    case 'create-union': {
      const node = await findNode(context, optional(flags, 'node'));
      const union = await createUnion(context, CONSOLE, {
        superiorId: node.id,
        name: required(flags, 'name'),
        ...(typeof flags.code === 'string' ? { code: flags.code } : {}),
        ...(typeof flags.employer === 'string' ? { employer: flags.employer } : {}),
        ...(typeof flags.sector === 'string' ? { sector: flags.sector } : {}),
      });
      return { json: union, text: `Đã tạo "${union.name}"${union.code ? ` (mã ${union.code})` : ''}, trực thuộc "${node.name}".\nid: ${union.id}` };
    }
    case 'move-union': {
      const unionId = await unionIdByCodeOrId(context, required(flags, 'union'));
      const target = await findNode(context, required(flags, 'to'));
      const effectiveDate = optional(flags, 'effective') ?? provinceToday(context);
      const moved = await moveUnion(context, CONSOLE, unionId, { parentId: target.id, effectiveDate });
      return { json: moved, text: `"${moved.union.name}" nay trực thuộc "${target.name}" (từ ngày ${vietnamDate(effectiveDate)}).` };
    }
    case 'issue-code': {
      // Staff know their unions by code (TN-01) more readily than by id: accept either.
      const unionId = await unionIdByCodeOrId(context, required(flags, 'union'));
      const issued = await issueEnrolmentCode(context, CONSOLE, unionId, {
        validDays: optionalInt(flags, 'days'),
        maxUses: optionalInt(flags, 'max-uses'),
      });
      return {
        json: issued,
        // Vietnamese counts need no plural form: "1 thiết bị", "3 thiết bị".
        text: `Mã kích hoạt: ${issued.code}\nDùng được đến ${vietnamDateTime(issued.expiresAt)} (giờ Việt Nam), cho tối đa ${issued.maxUses} thiết bị.`,
      };
    }
    case 'revoke-device': {
      const device = await revokeDevice(context, CONSOLE, required(flags, 'device'));
      return { json: device, text: `Đã thu hồi thiết bị "${device.name}" lúc ${vietnamDateTime(device.revokedAt ?? context.now().toISOString())} (giờ Việt Nam).` };
    }
    case 'list-unions': {
      const node = await findNode(context, optional(flags, 'node'));
      // Without --year and --kind, the period the node's staff screens open on (services/overview.ts).
      const period = optional(flags, 'year') !== undefined || optional(flags, 'kind') !== undefined ? { year: optional(flags, 'year') ?? '', kind: optional(flags, 'kind') ?? 'yearly' } : {};
      const overview = await nodeOverview(context, CONSOLE, node.id, { ...period, scope: 'subtree' });
      const { year, kind } = overview.period;
      const lines = overview.unions.map(
        (union) => `${union.id}  ${union.code ?? '-'}  ${union.name}  thiết bị: ${union.activeDevices}  ${periodName(String(year), kind)}: ${standingName(union.standing)}`,
      );
      const elsewhere = overview.otherPeriods.map(
        (group) => `${group.unionIds.length} báo cáo gửi cho ${periodName(String(group.period.year), group.period.kind)} của các CĐCS chưa báo cáo ${periodName(String(year), kind)}`,
      );
      return {
        json: overview,
        text: [`${periodName(String(year), kind)}:`, ...(lines.length ? lines : [`Chưa có CĐCS nào dưới "${node.name}".`]), ...elsewhere].join('\n'),
      };
    }
    case 'backup':
      return backupCommand(flags, context, context.config);
    case 'copy-store':
      return copyStoreCommand(flags, context.config);
    case 'import-form': {
      const file = positional(flags, 1, 'FILE.xlsx');
      const node = await findNode(context, required(flags, 'node'));
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new Refusal('no_file', notFound.file(file));
      }
      const imported = await importForm(context, CONSOLE, node.id, bytes);
      const stored = flags.publish === true ? await publishForm(context, CONSOLE, imported.form.code, String(imported.form.version)) : imported;
      return { json: stored, text: formStored(stored.form, node.name) };
    }
    case 'export-form': {
      const code = positional(flags, 1, 'mã biểu mẫu');
      const version = positional(flags, 2, 'phiên bản');
      const to = required(flags, 'to');
      const { file } = await exportForm(context, CONSOLE, code, version);
      writeFileSync(to, file);
      return { json: { code, version: Number(version), file: to, bytes: file.length }, text: formExported(code, version, to) };
    }
    default:
      throw new UsageError(usage.unknownCommand(command));
  }
}

/** Which database the settings name, and where the setting came from, for the messages. */
function databaseInUse(env: ServerEnv, settings: Settings): DatabaseInUse {
  const setting = env.store.kind === 'postgres' ? 'DATABASE_URL' : 'DATA_DIR';
  const origin = settings.fromFile.has(setting)
    ? { from: 'file' as const, file: settings.file as string }
    : settings.values[setting]
      ? { from: 'environment' as const }
      : { from: 'default' as const };
  return { kind: env.store.kind, where: storeLocation(env.store), setting, origin };
}

/**
 * Whether the database already exists: the SQLite file, or our migrations' table in the PostgreSQL schema.
 * Asked before the store is opened, because opening creates the file and migrating creates the tables.
 */
async function databaseExists(env: ServerEnv, database: DatabaseInUse): Promise<boolean> {
  if (env.store.kind === 'sqlite') return existsSync(env.store.file);
  const client = new pg.Client({ connectionString: env.store.url });
  try {
    await client.connect();
    const { rows } = await client.query<{ present: boolean }>("select to_regclass('kysely_migration') is not null as present");
    return rows[0]?.present === true;
  } catch (error) {
    throw new Refusal('database_unreachable', cannotConnect(database, error instanceof Error ? error.message : String(error)));
  } finally {
    await client.end().catch(() => undefined);
  }
}

function parseArguments(argv: string[]) {
  try {
    return parseArgs({
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
        node: { type: 'string' },
        parent: { type: 'string' },
        to: { type: 'string' },
        effective: { type: 'string' },
        role: { type: 'string' },
        'short-name': { type: 'string' },
        days: { type: 'string' },
        'max-uses': { type: 'string' },
        device: { type: 'string' },
        year: { type: 'string' },
        kind: { type: 'string' },
        from: { type: 'string' },
        force: { type: 'boolean' },
        publish: { type: 'boolean' },
      },
    });
  } catch (error) {
    // node:util's own messages are English and name its internals; say which option was wrong.
    const code = (error as { code?: string }).code;
    const option = /'(-[^' ]*)/.exec(error instanceof Error ? error.message : '')?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(usage.unknownOption(option));
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(usage.optionValue(option));
    throw error;
  }
}

function readSettingsOrRefuse(settings: Settings): ServerEnv {
  try {
    return readEnv(settings.values);
  } catch (error) {
    throw new Refusal('bad_settings', badSettings(error instanceof Error ? error.message : String(error), settings.file));
  }
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const fail = (code: string, message: string, details?: unknown) =>
    process.stderr.write(json ? `${JSON.stringify({ error: code, message, ...(details !== undefined ? { details } : {}) })}\n` : `${message}\n`);
  let store: ReturnType<typeof openStore> | undefined;
  let command = '';
  let flags: Flags = {};
  let context: CliContext | undefined;
  try {
    const { values, positionals } = parseArguments(argv);
    flags = values;
    command = positionals[0] ?? '';
    if (values.help || !command) {
      process.stdout.write(HELP);
      return values.help ? 0 : 2;
    }
    const settings = readSettings();
    const env = readSettingsOrRefuse(settings);
    const database = databaseInUse(env, settings);
    if (command === 'restore') {
      // Into a store that may not exist yet: restoreCommand opens, checks and migrates it itself.
      if (!json) process.stderr.write(`${databaseLine(database)}\n`);
      const result = await restoreCommand(values, env.store);
      process.stdout.write(json ? `${JSON.stringify(result.json, null, 2)}\n` : `${result.text}\n`);
      return 0;
    }
    const startsATree = command === 'create-node' && values.parent === undefined;
    if (!(await databaseExists(env, database))) {
      if (!startsATree) throw new Refusal('no_database', noDatabase(database));
      process.stderr.write(`${newDatabase(database)}\n`);
    } else if (!json) process.stderr.write(`${databaseLine(database)}\n`);
    store = openStore(env.store);
    await store.migrate();
    context = { store, now: () => new Date(), database, config: env.store };
    // The words after the command (a file, a form's code and version) travel with the flags.
    const words = Object.fromEntries(positionals.slice(1).map((word, index) => [`_positional${index + 1}`, word]));
    const result = await run(command, { ...values, ...words }, context);
    process.stdout.write(json ? `${JSON.stringify(result.json, null, 2)}\n` : `${result.text}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      fail('usage', json ? error.message : `${error.message}\n${usage.seeHelp()}`);
      return 2;
    }
    if (error instanceof Refusal || error instanceof BackupRefusal) {
      fail(error.code, error.message);
      return 1;
    }
    if (error instanceof ApiFailure) {
      // A service refuses only inside run(), so the context exists here.
      fail(error.code, refusal(error, { command, flags, today: context ? provinceToday(context) : '' }), error.details);
      return 1;
    }
    throw error;
  } finally {
    await store?.close();
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
