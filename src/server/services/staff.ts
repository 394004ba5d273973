/**
 * Staff accounts and sessions: creating and removing accounts, signing in and out, and the bearer token
 * a staff request carries. Who may reach what is actors.ts.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { STAFF_ROLES } from '../../domain/organisation';
import { MIN_STAFF_PASSWORD_LENGTH, STAFF_IDLE_MINUTES, type StaffMember, type StaffRestriction, type StaffSecondStep, type StaffSession } from '../../domain/staff';
import { isUniqueViolation } from '../store/errors';
import type { NodeRecord, StaffRecord, StoreReads, StoreWrites } from '../store/store';
import { nodeInReach, noSuch, reaches, requireRole, type StaffActor } from './actors';
import { recordAudit } from './audit';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure } from './errors';
import { isUuid, lineOfText, parseInput as parse } from './input';
import { checkNewPassword, MAX_STAFF_PASSWORD_LENGTH } from './passwordPolicy';
import { DECOY_PASSWORD_HASH, hashPassword, newToken, sha256Hex, verifyPassword } from './secrets';

export const SESSION_HOURS = 12;
export { MIN_STAFF_PASSWORD_LENGTH, STAFF_IDLE_MINUTES };
/** A session's last request is written at most this often (the idle limit needs no more). */
const LAST_SEEN_EVERY_MS = 60_000;
/** How long a sign-in whose password was right waits for its TOTP code. */
const SECOND_STEP_MINUTES = 5;

/** The admin command line acts for the server's operator: every node, every role. */
export const CONSOLE: StaffActor = { staffId: null, username: 'admin', role: 'admin', nodeId: '', nodePath: '/', tokenHash: '', address: null };

/** A member acting before they hold a session (the sign-in's audit entries). */
export function memberActor(member: StaffRecord, node: NodeRecord, address: string | null): StaffActor {
  return { staffId: member.id, username: member.username, role: member.role, nodeId: node.id, nodePath: node.path, tokenHash: '', address };
}

/** Where a sign-in comes from, kept with its session for the member's list of sessions. */
export interface ClientInfo {
  address: string | null;
  userAgent: string | null;
}

export function toStaffMember(record: StaffRecord): StaffMember {
  return { id: record.id, username: record.username, role: record.role, nodeId: record.nodeId, createdAt: record.createdAt };
}

// ---- accounts ----

const usernameSchema = z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9._-]{3,64}$/));
const newStaffSchema = z.object({
  username: usernameSchema,
  password: z.string().check(z.maxLength(MAX_STAFF_PASSWORD_LENGTH)),
  role: z.enum(STAFF_ROLES),
});

/** `POST /api/staff/nodes/:id/staff` and `admin create-staff`: an account on a node in reach. */
export async function createStaff(context: ServiceContext, actor: StaffActor, nodeId: string, input: unknown): Promise<StaffMember> {
  const node = await nodeInReach(context.store, actor, nodeId);
  requireRole(actor, 'admin', 'create staff accounts');
  const { username, password, role } = parse(newStaffSchema, input);
  await checkNewPassword(password, username, 'password');
  const record: StaffRecord = { id: randomUUID(), username, passwordHash: await hashPassword(password), nodeId: node.id, role, createdAt: isoNow(context), mustChangePassword: false, totpEnabled: false };
  // The unique index on the name decides, also between two accounts created at once (no 500 for the loser).
  await context.store.write(async (tx) => {
    await tx.insertStaff(record);
    await recordAudit(tx, context, actor, { action: 'staff.created', node, target: staffTarget(record), after: { username, role } });
  }).catch((error: unknown) => {
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
  await context.store.write(async (tx) => {
    await tx.deleteStaff(member.id);
    await recordAudit(tx, context, actor, { action: 'staff.deleted', node, target: staffTarget(member), before: { username: member.username, role: member.role } });
  });
}

const roleChangeSchema = z.object({ role: z.enum(STAFF_ROLES) });

/**
 * `PATCH /api/staff/staff/:id {role}`: an admin gives a member at their node or below another role, by
 * the rules of the other account actions (404 outside reach, 403 for a non-admin, 422 for oneself, so
 * that no node is ever left by its last admin demoting themselves). The member's sessions go on under
 * the new role from their next request. The same role again changes nothing and writes no entry.
 */
export async function changeStaffRole(context: ServiceContext, actor: StaffActor, staffId: string, input: unknown): Promise<StaffMember> {
  const member = isUuid(staffId) ? await context.store.findStaff(staffId) : undefined;
  const node = member ? await context.store.findNode(member.nodeId) : undefined;
  if (!member || !node || !reaches(actor, node.path)) throw noSuch('staff member');
  requireRole(actor, 'admin', 'change roles');
  if (member.id === actor.staffId)
    throw new ApiFailure(422, 'validation_failed', 'You cannot change your own role; ask another admin.', [
      { path: 'id', code: 'self', message: 'This is your own account.' },
    ]);
  const { role } = parse(roleChangeSchema, input);
  return context.store.write(async (tx) => {
    // Read again in the write: the before is the role this change replaces, also when two admins change it at once.
    const current = await tx.findStaff(member.id);
    if (!current) throw noSuch('staff member');
    if (current.role === role) return toStaffMember(current);
    await tx.setStaffRole(current.id, role);
    await recordAudit(tx, context, actor, {
      action: 'staff.role_changed',
      node,
      target: staffTarget(current),
      before: { username: current.username, role: current.role },
      after: { username: current.username, role },
    });
    return toStaffMember({ ...current, role });
  });
}

function staffTarget(member: { id: string }): { kind: 'staff'; id: string } {
  return { kind: 'staff', id: member.id };
}

/** The admin command line's password reset for an account found by name. */
export async function setStaffPassword(context: ServiceContext, username: string, password: string): Promise<StaffMember> {
  const { password: checked } = parse(z.object({ password: newStaffSchema.shape.password }), { password });
  const member = await context.store.findStaffByUsername(username.trim().toLowerCase());
  if (!member) throw noSuch('staff member');
  await checkNewPassword(checked, member.username, 'password');
  const passwordHash = await hashPassword(checked);
  const node = await context.store.findNode(member.nodeId);
  await context.store.write(async (tx) => {
    // The operator's password is the member's own from now on: no forced change; every session ends.
    await tx.replaceStaffPassword(member.id, passwordHash, false, null);
    await recordAudit(tx, context, CONSOLE, {
      action: 'staff.password_reset',
      node: node ? { id: node.id, path: node.path } : null,
      target: { kind: 'staff', id: member.id },
      after: { username: member.username, mustChangePassword: false },
    });
  });
  return toStaffMember(member);
}

// ---- sessions ----

const loginSchema = z.object({
  username: lineOfText({ max: 200 }),
  password: z.string().check(z.maxLength(1024)),
});

/**
 * The password step of a sign-in. An account with two-step sign-in gets a short-lived challenge to send
 * with its code to `loginWithTotp` (services/staffSecurity.ts); any other gets its session. The audit log
 * keeps a success (staff.login, with the session, in one write) and a failure (staff.login_failed).
 */
export async function login(context: ServiceContext, input: unknown, client: ClientInfo = { address: null, userAgent: null }): Promise<StaffSession | StaffSecondStep> {
  const { username, password } = parse(loginSchema, input);
  const typedName = username.trim().toLowerCase();
  const member = await context.store.findStaffByUsername(typedName);
  // Always run scrypt, so that a wrong name costs as long as a wrong password.
  const passwordMatches = await verifyPassword(password, member?.passwordHash ?? DECOY_PASSWORD_HASH);
  // The account's node, if the name is an account's: its admins learn of guesses at their staff's
  // names; a name no account has goes above every node, where only the root's admins read it.
  const node = member ? await context.store.findNode(member.nodeId) : undefined;
  if (!member || !passwordMatches) {
    const guesser: StaffActor = { staffId: null, username: typedName, role: 'viewer', nodeId: '', nodePath: '/', tokenHash: '', address: client.address };
    await context.store.write((tx) =>
      recordAudit(tx, context, guesser, { action: 'staff.login_failed', node: node ?? null, ...(member ? { target: staffTarget(member) } : {}) }),
    );
    throw new ApiFailure(401, 'unauthorized', 'Wrong user name or password.');
  }
  if (member.totpEnabled) {
    // Signed in only once the code is given (staffSecurity.ts records that step).
    const challenge = newToken();
    const expiresAt = new Date(context.now().getTime() + SECOND_STEP_MINUTES * 60_000).toISOString();
    await context.store.write((tx) => tx.insertLoginChallenge({ tokenHash: sha256Hex(challenge), staffId: member.id, expiresAt }));
    return { secondStep: 'totp', challenge, expiresAt };
  }
  const actor: StaffActor = { staffId: member.id, username: member.username, role: member.role, nodeId: member.nodeId, nodePath: node?.path ?? '/', tokenHash: '', address: client.address };
  return context.store.write(async (tx) => {
    await recordAudit(tx, context, actor, { action: 'staff.login', node: node ?? null, target: staffTarget(member) });
    return openSession(tx, context, member, client);
  });
}

/** What a member's session may do first: change the password after a reset, or set up two-step sign-in their subtree requires. */
export async function restrictionOf(store: StoreReads, member: { mustChangePassword: boolean; totpEnabled: boolean }, nodePath: string): Promise<StaffRestriction> {
  if (member.mustChangePassword) return 'password_change_required';
  if (!member.totpEnabled && (await store.findTotpRequirement(nodePath))) return 'totp_setup_required';
  return null;
}

/** A new session for a member whose sign-in passed every step, in the caller's write. */
export async function openSession(tx: StoreWrites, context: ServiceContext, member: StaffRecord, client: ClientInfo): Promise<StaffSession> {
  const node = await tx.findNode(member.nodeId);
  if (!node) throw new ApiFailure(401, 'unauthorized', 'Wrong user name or password.');
  const token = newToken();
  const now = context.now();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await tx.insertSession({
    id: randomUUID(),
    tokenHash: sha256Hex(token),
    staffId: member.id,
    createdAt: now.toISOString(),
    expiresAt,
    address: client.address,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt, staff: toStaffMember(member), restriction: await restrictionOf(tx, member, node.path) };
}

/**
 * The staff member a bearer token stands for. A session ends SESSION_HOURS after sign-in, or after
 * STAFF_IDLE_MINUTES without a request; its last request is written at most once a minute.
 */
export async function authenticateStaff(context: ServiceContext, token: string | null): Promise<StaffActor> {
  const tokenHash = token ? sha256Hex(token) : '';
  const session = token ? await context.store.findSessionByTokenHash(tokenHash) : undefined;
  const now = context.now();
  const idle = session ? now.getTime() - Date.parse(session.lastSeenAt) : 0;
  if (!session || session.expiresAt <= now.toISOString() || idle >= STAFF_IDLE_MINUTES * 60_000)
    throw new ApiFailure(401, 'unauthorized', 'Sign in again: the staff session is missing or has expired.');
  if (idle >= LAST_SEEN_EVERY_MS) await context.store.write((tx) => tx.touchStaffSession(tokenHash, now.toISOString()));
  return {
    staffId: session.staffId,
    username: session.username,
    role: session.role,
    nodeId: session.nodeId,
    nodePath: session.nodePath,
    tokenHash,
    sessionId: session.id,
    restriction: await restrictionOf(context.store, session, session.nodePath),
  };
}

export async function logout(context: ServiceContext, actor: StaffActor): Promise<void> {
  await context.store.write(async (tx) => {
    await tx.deleteSession(actor.tokenHash);
    await recordAudit(tx, context, actor, { action: 'staff.logout', node: { id: actor.nodeId, path: actor.nodePath }, ...(actor.staffId ? { target: staffTarget({ id: actor.staffId }) } : {}) });
  });
}
