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
 *   npm run admin -- list-unions [--node <id or code>] [--year 2025 --kind yearly]
 * Add --json for JSON on stdout. Uses the same environment (DATA_DIR / DATABASE_URL) and store as the
 * server, and the same services: the command line acts with an admin's rights over the whole tree.
 */
import { parseArgs } from 'node:util';
import { CREATABLE_NODE_KINDS, ROOT_NODE_KINDS, STAFF_ROLES } from '../../domain/organisation';
import { readAdminPassword, readEnv } from '../env';
import type { ServiceContext } from '../services/context';
import { issueEnrolmentCode, revokeDevice } from '../services/devices';
import { ApiFailure } from '../services/errors';
import { createNode, createRootNode, createUnion, moveUnion, provinceToday, updateNode } from '../services/organisation';
import { nodeOverview } from '../services/overview';
import { CONSOLE, createStaff, MIN_STAFF_PASSWORD_LENGTH, setStaffPassword } from '../services/staff';
import type { NodeRecord } from '../store/store';
import { openStore } from '../store/open';

const HELP = `Báo cáo CĐCS — administration of the organisation tree

Usage: npm run admin -- <command> [options] [--json]

Nodes and unions are named by id or by code (case does not matter).

Commands:
  create-node [--parent <node>] --kind <kind> --name <official name> [--short-name <for headers>] [--code <code>]
        Creates a node. Without --parent: the root, of kind ${ROOT_NODE_KINDS.join(' | ')}.
        Under a parent: ${CREATABLE_NODE_KINDS.join(' | ')}.
  update-node --node <node> [--name …] [--short-name …] [--code …] [--kind …]
        Renames or reclassifies a node (e.g. the "district" node an upgrade made).
  list-nodes
        Prints the tree: every node with its kind, code and id.
  create-staff --node <node> --role ${STAFF_ROLES.join('|')} --username <name> [--password <pw>]
        Creates a staff account on a node. The password comes from --password or the ADMIN_PASSWORD
        environment variable (at least ${MIN_STAFF_PASSWORD_LENGTH} characters); there is no default and no prompt.
  set-password --username <name> [--password <pw>]
        Sets a staff member's password (ends their sessions).
  create-union --node <node> --name <name> [--code <code>] [--employer <name>] [--sector public|private|foreign]
        Creates a grassroots union (CĐCS) under a node and prints its id.
  move-union --union <union> --to <node> [--effective <YYYY-MM-DD, default today>]
        Moves a CĐCS to another superior; its devices keep working, its filed reports stay where they were filed.
  issue-code --union <union> [--days <1-90, default 7>] [--max-uses <1-20, default 3>]
        Issues an enrolment code for a union's devices (shown only now, e.g. K7QF-M2XP).
  revoke-device --device <device id>
        Revokes a device; its token stops working at once.
  list-unions [--node <node>] [--year <year> --kind yearly|interim|final]
        Lists the CĐCS below a node (default: the root) with their devices and where their report stands.

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

function optional(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** A node by id or by code; the root when none is named and there is exactly one. */
async function findNode(context: ServiceContext, named: string | undefined): Promise<NodeRecord> {
  if (named === undefined) {
    const roots = await context.store.listRootNodes();
    if (roots.length === 1) return roots[0] as NodeRecord;
    throw new UsageError(roots.length === 0 ? 'There is no node yet: create the province with create-node --kind province.' : 'Name the node with --node.');
  }
  const node = (await context.store.findNodeByCode(named.trim().toUpperCase())) ?? (await context.store.findNode(named.trim()));
  if (!node) throw new ApiFailure(404, 'not_found', `No node with the id or code "${named}".`);
  return node;
}

async function findUnionId(context: ServiceContext, named: string): Promise<string> {
  const byCode = await context.store.findUnionByCode(named.trim().toUpperCase());
  return byCode?.id ?? named;
}

function password(flags: Flags): string {
  const value = typeof flags.password === 'string' ? flags.password : readAdminPassword();
  if (!value) throw new UsageError('Give the password with --password or ADMIN_PASSWORD.');
  return value;
}

async function run(command: string, flags: Flags, context: ServiceContext): Promise<{ json: unknown; text: string }> {
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
      return { json: node, text: `Node "${node.name}" (${node.kind}) created.\nid: ${node.id}` };
    }
    case 'update-node': {
      const node = await findNode(context, required(flags, 'node'));
      const updated = await updateNode(context, CONSOLE, node.id, {
        ...(optional(flags, 'name') !== undefined ? { name: optional(flags, 'name') } : {}),
        ...(optional(flags, 'short-name') !== undefined ? { shortName: optional(flags, 'short-name') } : {}),
        ...(optional(flags, 'code') !== undefined ? { code: optional(flags, 'code') || null } : {}),
        ...(optional(flags, 'kind') !== undefined ? { kind: optional(flags, 'kind') } : {}),
      });
      return { json: updated, text: `Node "${updated.name}" (${updated.kind}) updated.` };
    }
    case 'list-nodes': {
      const lines: string[] = [];
      const nodes: NodeRecord[] = [];
      const walk = async (node: NodeRecord, depth: number) => {
        nodes.push(node);
        const children = await context.store.listChildNodes(node);
        lines.push(`${'  '.repeat(depth)}${node.name}  [${node.kind}${node.code ? ` ${node.code}` : ''}]  CĐCS directly under: ${(await context.store.listUnionsUnder(node.id)).length}  id: ${node.id}`);
        for (const child of children) await walk(child, depth + 1);
      };
      for (const root of await context.store.listRootNodes()) await walk(root, 0);
      return { json: nodes, text: lines.length ? lines.join('\n') : 'No nodes yet.' };
    }
    case 'create-staff': {
      const node = await findNode(context, required(flags, 'node'));
      const member = await createStaff(context, CONSOLE, node.id, { username: required(flags, 'username'), password: password(flags), role: required(flags, 'role') });
      return { json: member, text: `Staff member "${member.username}" (${member.role}) created on "${node.name}" (id ${member.id}).` };
    }
    case 'set-password': {
      const member = await setStaffPassword(context, required(flags, 'username'), password(flags));
      return { json: member, text: `Password of "${member.username}" set; their sessions ended.` };
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
      return { json: union, text: `Union "${union.name}"${union.code ? ` (${union.code})` : ''} created under "${node.name}".\nid: ${union.id}` };
    }
    case 'move-union': {
      const unionId = await findUnionId(context, required(flags, 'union'));
      const target = await findNode(context, required(flags, 'to'));
      const effectiveDate = optional(flags, 'effective') ?? provinceToday(context);
      const moved = await moveUnion(context, CONSOLE, unionId, { parentId: target.id, effectiveDate });
      return { json: moved, text: `Union "${moved.union.name}" now reports to "${target.name}" (effective ${effectiveDate}).` };
    }
    case 'issue-code': {
      // Staff know their unions by code (TN-01) more readily than by id: accept either.
      const unionId = await findUnionId(context, required(flags, 'union'));
      const issued = await issueEnrolmentCode(context, CONSOLE, unionId, {
        validDays: optionalInt(flags, 'days'),
        maxUses: optionalInt(flags, 'max-uses'),
      });
      return {
        json: issued,
        text: `Enrolment code: ${issued.code}\nvalid until ${issued.expiresAt}, for up to ${issued.maxUses} devices.`,
      };
    }
    case 'revoke-device': {
      const device = await revokeDevice(context, CONSOLE, required(flags, 'device'));
      return { json: device, text: `Device "${device.name}" revoked at ${device.revokedAt}.` };
    }
    case 'list-unions': {
      const node = await findNode(context, optional(flags, 'node'));
      const year = typeof flags.year === 'string' ? flags.year : String(context.now().getUTCFullYear());
      const kind = typeof flags.kind === 'string' ? flags.kind : 'yearly';
      const overview = await nodeOverview(context, CONSOLE, node.id, { year, kind, scope: 'subtree' });
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
