/**
 * A staff account fit for an office (issue 23): the member changes their own password and ends their
 * own sessions; an admin resets the password of a member below them (who must then choose a new one)
 * and requires two-step sign-in for a subtree; two-step sign-in itself with any authenticator app
 * (TOTP, RFC 6238, through the `otpauth` library) and one-time recovery codes. Every change records
 * itself in the audit log in its own write; no secret, code or password ever goes into an entry.
 */
import * as OTPAuth from 'otpauth';
import * as z from 'zod/mini';
import type { StaffSecurity, StaffSession, StaffSessionInfo, TotpSetup } from '../../domain/staff';
import type { StaffRecord, StoreWrites } from '../store/store';
import { recordAudit } from './audit';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure, validationFailed } from './errors';
import { isUuid, parseInput as parse } from './input';
import { checkNewPassword, MAX_STAFF_PASSWORD_LENGTH } from './passwordPolicy';
import { hashPassword, randomCodeCharacters, sha256Hex, verifyPassword } from './secrets';
import { noSuch, nodeInReach, reaches, requireRole, type StaffActor } from './actors';
import { type ClientInfo, memberActor, openSession, STAFF_IDLE_MINUTES } from './staff';

/** The name an authenticator app shows above the code. */
export const TOTP_ISSUER = 'Báo cáo CĐCS';
export const RECOVERY_CODE_COUNT = 10;
/** A code of the step before or after the server's is taken too (a phone's clock a little off). */
const TOTP_WINDOW = 1;

const passwordText = z.string().check(z.maxLength(MAX_STAFF_PASSWORD_LENGTH));
/** What a person types: spaces and dashes are theirs, not the code's. */
const codeText = z.string().check(z.maxLength(64));

function wrong(path: string, code: string, message: string): ApiFailure {
  return validationFailed([{ path, code, message }], message);
}

async function signedInMember(context: ServiceContext, actor: StaffActor): Promise<StaffRecord> {
  const member = actor.staffId ? await context.store.findStaff(actor.staffId) : undefined;
  if (!member) throw new ApiFailure(401, 'unauthorized', 'Sign in again: this account no longer exists.');
  return member;
}

function nodeOf(actor: StaffActor): { id: string; path: string } {
  return { id: actor.nodeId, path: actor.nodePath };
}

// ---- passwords ----

const changePasswordSchema = z.object({ currentPassword: passwordText, newPassword: passwordText });

/** `POST /api/staff/me/password`: the old password checked, the new one by the policy; the member's other sessions end. */
export async function changeOwnPassword(context: ServiceContext, actor: StaffActor, input: unknown): Promise<void> {
  const { currentPassword, newPassword } = parse(changePasswordSchema, input);
  const member = await signedInMember(context, actor);
  if (!(await verifyPassword(currentPassword, member.passwordHash))) throw wrong('currentPassword', 'wrong_password', 'The current password is wrong.');
  await checkNewPassword(newPassword, member.username, 'newPassword');
  if (await verifyPassword(newPassword, member.passwordHash)) throw wrong('newPassword', 'unchanged', 'The new password must differ from the current one.');
  const passwordHash = await hashPassword(newPassword);
  await context.store.write(async (tx) => {
    await tx.replaceStaffPassword(member.id, passwordHash, false, actor.tokenHash);
    await recordAudit(tx, context, actor, {
      action: 'staff.password_changed',
      node: nodeOf(actor),
      target: { kind: 'staff', id: member.id },
      ...(member.mustChangePassword ? { before: { mustChangePassword: true }, after: { mustChangePassword: false } } : {}),
    });
  });
}

const resetPasswordSchema = z.object({ temporaryPassword: passwordText });

/**
 * `POST /api/staff/staff/:id/password`: an admin gives a member at or below their node a temporary
 * password; the member's sessions end and their next one may only change it. Not for oneself.
 */
export async function resetStaffPassword(context: ServiceContext, actor: StaffActor, staffId: string, input: unknown): Promise<void> {
  const member = isUuid(staffId) ? await context.store.findStaff(staffId) : undefined;
  const node = member ? await context.store.findNode(member.nodeId) : undefined;
  if (!member || !node || !reaches(actor, node.path)) throw noSuch('staff member');
  requireRole(actor, 'admin', 'reset passwords');
  if (member.id === actor.staffId) throw wrong('id', 'self', 'Change your own password with your current one (POST /api/staff/me/password).');
  const { temporaryPassword } = parse(resetPasswordSchema, input);
  await checkNewPassword(temporaryPassword, member.username, 'temporaryPassword');
  const passwordHash = await hashPassword(temporaryPassword);
  await context.store.write(async (tx) => {
    await tx.replaceStaffPassword(member.id, passwordHash, true, null);
    await recordAudit(tx, context, actor, {
      action: 'staff.password_reset',
      node: { id: node.id, path: node.path },
      target: { kind: 'staff', id: member.id },
      after: { username: member.username, mustChangePassword: true },
    });
  });
}

// ---- sessions ----

function idleSince(context: ServiceContext): string {
  return new Date(context.now().getTime() - STAFF_IDLE_MINUTES * 60_000).toISOString();
}

/** `GET /api/staff/me/sessions`: the member's open sessions, the most recently used first. */
export async function listOwnSessions(context: ServiceContext, actor: StaffActor): Promise<StaffSessionInfo[]> {
  const member = await signedInMember(context, actor);
  const sessions = await context.store.listStaffSessions(member.id, isoNow(context), idleSince(context));
  return sessions.map((session) => ({
    id: session.id,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    address: session.address,
    userAgent: session.userAgent,
    current: session.tokenHash === actor.tokenHash,
  }));
}

/** `DELETE /api/staff/me/sessions/:id`: ends one of the member's own sessions (404 for anyone else's). */
export async function endOwnSession(context: ServiceContext, actor: StaffActor, sessionId: string): Promise<void> {
  const member = await signedInMember(context, actor);
  if (!isUuid(sessionId)) throw noSuch('session');
  await context.store.write(async (tx) => {
    if (!(await tx.deleteStaffSession(member.id, sessionId))) throw noSuch('session');
    await recordAudit(tx, context, actor, { action: 'staff.session_ended', node: nodeOf(actor), target: { kind: 'staff', id: member.id }, after: { sessionId } });
  });
}

// ---- two-step sign-in ----

function totpOf(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

/** The time step of `code` when it is right now (within the window), or null. */
function totpStep(secret: string, code: string, now: Date): number | null {
  const token = code.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpOf(secret, '');
  const delta = totp.validate({ token, timestamp: now.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
}

/** A code is accepted once: its step must be later than the last one taken (in the caller's write). */
async function takeTotpCode(tx: StoreWrites, context: ServiceContext, staffId: string, code: string): Promise<boolean> {
  const totp = await tx.findStaffTotp(staffId);
  const step = totp?.secret ? totpStep(totp.secret, code, context.now()) : null;
  return step !== null && (await tx.useTotpStep(staffId, step));
}

/** A recovery code as typed → its canonical form: upper case, without spaces or dashes. */
function normaliseRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** Ten codes like `K7QF2-M2XPA` (50 random bits each); only their SHA-256 is kept. */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const code = randomCodeCharacters(10);
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** `GET /api/staff/me/security`. */
export async function ownSecurity(context: ServiceContext, actor: StaffActor): Promise<StaffSecurity> {
  const member = await signedInMember(context, actor);
  return {
    totpEnabled: member.totpEnabled,
    totpRequired: (await context.store.findTotpRequirement(actor.nodePath)) !== null,
    recoveryCodesLeft: member.totpEnabled ? await context.store.countUnusedRecoveryCodes(member.id) : 0,
  };
}

/** `POST /api/staff/me/totp/setup`: a new secret, not active until a code from it is confirmed. */
export async function setUpTotp(context: ServiceContext, actor: StaffActor): Promise<TotpSetup> {
  const member = await signedInMember(context, actor);
  if (member.totpEnabled) throw new ApiFailure(409, 'totp_already_enabled', 'Two-step sign-in is on; turn it off before setting it up again.');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await context.store.write((tx) => tx.setPendingTotpSecret(member.id, secret));
  return { secret, uri: totpOf(secret, member.username).toString() };
}

const confirmSchema = z.object({ code: codeText });

/** `POST /api/staff/me/totp/confirm {code}`: turns two-step sign-in on; answers the recovery codes, shown this once. */
export async function confirmTotp(context: ServiceContext, actor: StaffActor, input: unknown): Promise<{ recoveryCodes: string[] }> {
  const { code } = parse(confirmSchema, input);
  const member = await signedInMember(context, actor);
  if (member.totpEnabled) throw new ApiFailure(409, 'totp_already_enabled', 'Two-step sign-in is already on.');
  const recoveryCodes = newRecoveryCodes();
  await context.store.write(async (tx) => {
    const pending = await tx.findStaffTotp(member.id);
    if (!pending?.secret) throw wrong('code', 'no_setup', 'Set up two-step sign-in first (POST /api/staff/me/totp/setup).');
    if (!(await takeTotpCode(tx, context, member.id, code))) throw wrong('code', 'wrong_code', 'The code is wrong or has been used.');
    await tx.enableTotp(member.id, isoNow(context), recoveryCodes.map((recoveryCode) => sha256Hex(normaliseRecoveryCode(recoveryCode))));
    await recordAudit(tx, context, actor, { action: 'staff.totp_enabled', node: nodeOf(actor), target: { kind: 'staff', id: member.id } });
  });
  return { recoveryCodes };
}

const disableSchema = z.object({ password: passwordText, code: codeText });

/** `DELETE /api/staff/me/totp {password, code}`: the password and a current code (or a recovery code) turn it off. */
export async function disableTotp(context: ServiceContext, actor: StaffActor, input: unknown): Promise<void> {
  const { password, code } = parse(disableSchema, input);
  const member = await signedInMember(context, actor);
  if (!member.totpEnabled) return;
  if (!(await verifyPassword(password, member.passwordHash))) throw wrong('password', 'wrong_password', 'The password is wrong.');
  await context.store.write(async (tx) => {
    const taken = (await takeTotpCode(tx, context, member.id, code)) || (await tx.useRecoveryCode(member.id, sha256Hex(normaliseRecoveryCode(code)), isoNow(context)));
    if (!taken) throw wrong('code', 'wrong_code', 'The code is wrong or has been used.');
    await tx.disableTotp(member.id);
    await recordAudit(tx, context, actor, { action: 'staff.totp_disabled', node: nodeOf(actor), target: { kind: 'staff', id: member.id } });
  });
}

const secondStepSchema = z.union([
  z.object({ challenge: z.string().check(z.maxLength(100)), code: codeText }),
  z.object({ challenge: z.string().check(z.maxLength(100)), recoveryCode: codeText }),
]);

/** The staff member a sign-in's challenge belongs to, while it is valid (for the rate limit's key). */
export async function challengeOwner(context: ServiceContext, challenge: unknown): Promise<string | null> {
  if (typeof challenge !== 'string' || challenge.length > 100) return null;
  const found = await context.store.findLoginChallenge(sha256Hex(challenge));
  return found && found.expiresAt > isoNow(context) ? found.staffId : null;
}

/**
 * `POST /api/staff/login/totp {challenge, code | recoveryCode}`: the sign-in's second step. A wrong code
 * is 401 (and counts against the account's limit); the challenge stays for another try until it expires.
 */
export async function loginWithTotp(context: ServiceContext, input: unknown, client: ClientInfo): Promise<StaffSession> {
  const body = parse(secondStepSchema, input);
  const challengeHash = sha256Hex(body.challenge);
  const challenge = await context.store.findLoginChallenge(challengeHash);
  const member = challenge && challenge.expiresAt > isoNow(context) ? await context.store.findStaff(challenge.staffId) : undefined;
  const node = member ? await context.store.findNode(member.nodeId) : undefined;
  if (!member || !node || !member.totpEnabled)
    throw new ApiFailure(401, 'unauthorized', 'The sign-in has expired; sign in again with the password.', { reason: 'challenge_expired' });
  const actor = memberActor(member, node, client.address);
  const session = await context.store.write(async (tx) => {
    const byRecoveryCode = 'recoveryCode' in body;
    const taken = byRecoveryCode
      ? await tx.useRecoveryCode(member.id, sha256Hex(normaliseRecoveryCode(body.recoveryCode)), isoNow(context))
      : await takeTotpCode(tx, context, member.id, body.code);
    if (!taken) return null;
    if (!(await tx.deleteLoginChallenge(challengeHash))) return null;
    if (byRecoveryCode) await recordAudit(tx, context, actor, { action: 'staff.recovery_code_used', node, target: { kind: 'staff', id: member.id } });
    await recordAudit(tx, context, actor, { action: 'staff.login', node, target: { kind: 'staff', id: member.id }, after: { secondStep: byRecoveryCode ? 'recovery_code' : 'totp' } });
    return openSession(tx, context, member, client);
  });
  if (session) return session;
  // The refusal is recorded in a write of its own: the attempt's write above made nothing.
  await context.store.write((tx) =>
    recordAudit(tx, context, actor, { action: 'staff.login_failed', node, target: { kind: 'staff', id: member.id }, after: { secondStep: 'totp' } }),
  );
  throw new ApiFailure(401, 'unauthorized', 'The code is wrong or has been used.');
}

// ---- a subtree that requires two-step sign-in ----

const nodeSecuritySchema = z.object({ requireTotp: z.boolean() });

/** `GET /api/staff/nodes/:id/security`: whether the node requires two-step sign-in, or a node above it does. */
export async function nodeSecurity(context: ServiceContext, actor: StaffActor, nodeId: string): Promise<{ requireTotp: boolean; requiredAbove: boolean }> {
  const node = await nodeInReach(context.store, actor, nodeId);
  requireRole(actor, 'admin', 'see the sign-in rules');
  const requireTotp = await context.store.nodeRequiresTotp(node.id);
  const nearest = await context.store.findTotpRequirement(node.path);
  return { requireTotp, requiredAbove: nearest !== null && nearest.nodeId !== node.id };
}

/** `PUT /api/staff/nodes/:id/security {requireTotp}`: every member of the subtree without two-step sign-in must set it up at the next request. */
export async function setNodeSecurity(context: ServiceContext, actor: StaffActor, nodeId: string, input: unknown): Promise<{ requireTotp: boolean; requiredAbove: boolean }> {
  const node = await nodeInReach(context.store, actor, nodeId);
  requireRole(actor, 'admin', 'change the sign-in rules');
  const { requireTotp } = parse(nodeSecuritySchema, input);
  await context.store.write(async (tx) => {
    const before = await tx.nodeRequiresTotp(node.id);
    if (before === requireTotp) return;
    await tx.setNodeRequireTotp(node.id, requireTotp);
    await recordAudit(tx, context, actor, { action: 'staff.totp_required', node, target: { kind: 'node', id: node.id }, before: { requireTotp: before }, after: { requireTotp } });
  });
  return nodeSecurity(context, actor, node.id);
}
