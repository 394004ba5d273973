/**
 * Staff accounts and sessions, and the one rule every staff request follows: a staff member reaches
 * their node and everything below it. An id outside that subtree is answered exactly like an id that
 * does not exist (404), so that nobody learns what another union holds; a role that does not allow
 * the action is 403, and only ever for something inside the subtree.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { roleAllows, STAFF_ROLES, type StaffRole } from '../../domain/organisation';
import { MIN_STAFF_PASSWORD_LENGTH, type StaffMember, type StaffSession } from '../../domain/staff';
import { isUniqueViolation } from '../store/errors';
import type { NodeRecord, ReportRecord, StaffRecord, StoreReads, UnionRecord } from '../store/store';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure } from './errors';
import { isUuid, lineOfText, parseInput as parse } from './input';
import { DECOY_PASSWORD_HASH, hashPassword, newToken, sha256Hex, verifyPassword } from './secrets';

export const SESSION_HOURS = 12;
export { MIN_STAFF_PASSWORD_LENGTH };

/** Who is asking: a signed-in staff member, or the admin command line (which reaches every node). */
export interface StaffActor {
  /** Null for the admin command line. */
  staffId: string | null;
  username: string;
  role: StaffRole;
  /** The node the member belongs to ('' for the command line). */
  nodeId: string;
  /** Its path: the member reaches every node whose path starts with it ('/' reaches all). */
  nodePath: string;
  tokenHash: string;
}

/** The admin command line acts for the server's operator: every node, every role. */
export const CONSOLE: StaffActor = { staffId: null, username: 'admin', role: 'admin', nodeId: '', nodePath: '/', tokenHash: '' };

export function toStaffMember(record: StaffRecord): StaffMember {
  return { id: record.id, username: record.username, role: record.role, nodeId: record.nodeId, createdAt: record.createdAt };
}

// ---- reach and roles ----

export function reaches(actor: StaffActor, path: string): boolean {
  return path.startsWith(actor.nodePath);
}

/** 403 unless the actor's role includes `needed`; call after the ids were found in reach. */
export function requireRole(actor: StaffActor, needed: StaffRole, action: string): void {
  if (!roleAllows(actor.role, needed)) throw new ApiFailure(403, 'forbidden', `A ${actor.role} cannot ${action}; ask a ${needed} of this node.`);
}

export function noSuch(what: string): ApiFailure {
  return new ApiFailure(404, 'not_found', `No such ${what}.`);
}

export async function nodeInReach(store: StoreReads, actor: StaffActor, id: unknown): Promise<NodeRecord> {
  const node = typeof id === 'string' && isUuid(id) ? await store.findNode(id) : undefined;
  if (!node || !reaches(actor, node.path)) throw noSuch('node');
  return node;
}

/** A union whose current superior is in reach, with that superior. */
export async function unionInReach(store: StoreReads, actor: StaffActor, id: unknown): Promise<{ union: UnionRecord; superior: NodeRecord }> {
  const union = typeof id === 'string' && isUuid(id) ? await store.findUnion(id) : undefined;
  const superior = union?.superiorId ? await store.findNode(union.superiorId) : undefined;
  if (!union || !superior || !reaches(actor, superior.path)) throw noSuch('union');
  return { union, superior };
}

/** A report whose owner (the superior it was filed under, or its union's for a draft) is in reach. */
export async function reportInReach(store: StoreReads, actor: StaffActor, id: unknown): Promise<{ report: ReportRecord; owner: NodeRecord }> {
  const found = typeof id === 'string' && isUuid(id) ? await store.findReportWithOwner(id) : undefined;
  if (!found || !reaches(actor, found.owner.path)) throw noSuch('report');
  return found;
}

// ---- accounts ----

const usernameSchema = z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9._-]{3,64}$/));
const newStaffSchema = z.object({
  username: usernameSchema,
  password: z.string().check(z.minLength(MIN_STAFF_PASSWORD_LENGTH), z.maxLength(1024)),
  role: z.enum(STAFF_ROLES),
});

/** `POST /api/staff/nodes/:id/staff` and `admin create-staff`: an account on a node in reach. */
export async function createStaff(context: ServiceContext, actor: StaffActor, nodeId: string, input: unknown): Promise<StaffMember> {
  const node = await nodeInReach(context.store, actor, nodeId);
  requireRole(actor, 'admin', 'create staff accounts');
  const { username, password, role } = parse(newStaffSchema, input);
  const record: StaffRecord = { id: randomUUID(), username, passwordHash: await hashPassword(password), nodeId: node.id, role, createdAt: isoNow(context) };
  // The unique index on the name decides, also between two accounts created at once (no 500 for the loser).
  await context.store.write((tx) => tx.insertStaff(record)).catch((error: unknown) => {
    throw isUniqueViolation(error)
      ? new ApiFailure(409, 'taken', 'A staff member with this user name exists.', [{ path: 'username', code: 'taken', message: 'This user name is taken.' }])
      : error;
  });
  return toStaffMember(record);
}

export async function listStaff(context: ServiceContext, actor: StaffActor, nodeId: string): Promise<StaffMember[]> {
  const node = await nodeInReach(context.store, actor, nodeId);
  requireRole(actor, 'admin', 'list staff accounts');
  return (await context.store.listStaff(node.id)).map(toStaffMember);
}

export async function deleteStaff(context: ServiceContext, actor: StaffActor, staffId: string): Promise<void> {
  const member = isUuid(staffId) ? await context.store.findStaff(staffId) : undefined;
  const node = member ? await context.store.findNode(member.nodeId) : undefined;
  if (!member || !node || !reaches(actor, node.path)) throw noSuch('staff member');
  requireRole(actor, 'admin', 'remove staff accounts');
  if (member.id === actor.staffId)
    throw new ApiFailure(422, 'validation_failed', 'You cannot remove your own account; ask another admin.', [
      { path: 'id', code: 'self', message: 'This is your own account.' },
    ]);
  await context.store.write((tx) => tx.deleteStaff(member.id));
}

/** The admin command line's password reset for an account found by name. */
export async function setStaffPassword(context: ServiceContext, username: string, password: string): Promise<StaffMember> {
  const { password: checked } = parse(z.object({ password: newStaffSchema.shape.password }), { password });
  const member = await context.store.findStaffByUsername(username.trim().toLowerCase());
  if (!member) throw noSuch('staff member');
  const passwordHash = await hashPassword(checked);
  await context.store.write((tx) => tx.setStaffPassword(member.id, passwordHash));
  return toStaffMember(member);
}

// ---- sessions ----

const loginSchema = z.object({
  username: lineOfText({ max: 200 }),
  password: z.string().check(z.maxLength(1024)),
});

export async function login(context: ServiceContext, input: unknown): Promise<StaffSession> {
  const { username, password } = parse(loginSchema, input);
  const member = await context.store.findStaffByUsername(username.trim().toLowerCase());
  // Always run scrypt, so that a wrong name costs as long as a wrong password.
  const passwordMatches = await verifyPassword(password, member?.passwordHash ?? DECOY_PASSWORD_HASH);
  if (!member || !passwordMatches) throw new ApiFailure(401, 'unauthorized', 'Wrong user name or password.');
  const token = newToken();
  const now = context.now();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await context.store.write((tx) => tx.insertSession({ tokenHash: sha256Hex(token), staffId: member.id, createdAt: now.toISOString(), expiresAt }));
  return { token, expiresAt, staff: toStaffMember(member) };
}

export async function authenticateStaff(context: ServiceContext, token: string | null): Promise<StaffActor> {
  const tokenHash = token ? sha256Hex(token) : '';
  const session = token ? await context.store.findSessionByTokenHash(tokenHash) : undefined;
  if (!session || session.expiresAt <= isoNow(context))
    throw new ApiFailure(401, 'unauthorized', 'Sign in again: the staff session is missing or has expired.');
  return { staffId: session.staffId, username: session.username, role: session.role, nodeId: session.nodeId, nodePath: session.nodePath, tokenHash };
}

export async function logout(context: ServiceContext, tokenHash: string): Promise<void> {
  await context.store.write((tx) => tx.deleteSession(tokenHash));
}
