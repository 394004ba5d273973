/**
 * What keeps a staff account safe beyond its password (issue 23): the forced change after an admin's
 * reset, two-step sign-in (TOTP secret, the last step used, recovery codes kept hashed), the sign-in's
 * pending second step, the member's list of sessions, and the nodes that require two-step sign-in.
 */
import type { Queries } from './schema';

export interface StaffTotpRecord {
  /** Null when never set up; set but not enabled while a setup waits for its first code. */
  secret: string | null;
  enabledAt: string | null;
  lastStep: number | null;
}

export interface StaffSessionSummary {
  id: string;
  tokenHash: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
}

export async function findStaffTotp(q: Queries, staffId: string): Promise<StaffTotpRecord | undefined> {
  const row = await q.selectFrom('staff').select(['totp_secret', 'totp_enabled_at', 'totp_last_step']).where('id', '=', staffId).executeTakeFirst();
  return row && { secret: row.totp_secret, enabledAt: row.totp_enabled_at, lastStep: row.totp_last_step === null ? null : Number(row.totp_last_step) };
}

/**
 * Sets the password hash and whether the member must change it at the next sign-in, and ends the
 * member's sessions but `keepTokenHash` (the session that changed its own password goes on).
 */
export async function replaceStaffPassword(q: Queries, staffId: string, passwordHash: string, mustChange: boolean, keepTokenHash: string | null): Promise<void> {
  await q.updateTable('staff').set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0 }).where('id', '=', staffId).execute();
  let sessions = q.deleteFrom('staff_sessions').where('staff_id', '=', staffId);
  if (keepTokenHash) sessions = sessions.where('token_hash', '<>', keepTokenHash);
  await sessions.execute();
  await q.deleteFrom('staff_login_challenges').where('staff_id', '=', staffId).execute();
}

// ---- sessions ----

export async function listStaffSessions(q: Queries, staffId: string, now: string, idleSince: string): Promise<StaffSessionSummary[]> {
  const rows = await q
    .selectFrom('staff_sessions')
    .select(['id', 'token_hash', 'created_at', 'last_seen_at', 'expires_at', 'address', 'user_agent'])
    .where('staff_id', '=', staffId)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleSince)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id ?? '',
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at ?? row.created_at,
    expiresAt: row.expires_at,
    address: row.address,
    userAgent: row.user_agent,
  }));
}

/** Ends one of the member's sessions by its listed id; false when the member has no such session. */
export async function deleteStaffSession(q: Queries, staffId: string, id: string): Promise<boolean> {
  const result = await q.deleteFrom('staff_sessions').where('staff_id', '=', staffId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Moves a session's last request forward (the caller writes at most once a minute per session). */
export async function touchStaffSession(q: Queries, tokenHash: string, at: string): Promise<void> {
  await q.updateTable('staff_sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

// ---- two-step sign-in ----

/** A new secret waiting for its first code; two-step sign-in is off until `enableTotp`. */
export async function setPendingTotpSecret(q: Queries, staffId: string, secret: string): Promise<void> {
  await q.updateTable('staff').set({ totp_secret: secret, totp_enabled_at: null, totp_last_step: null }).where('id', '=', staffId).execute();
}

/** Turns two-step sign-in on and replaces the member's recovery codes with these hashes. */
export async function enableTotp(q: Queries, staffId: string, at: string, recoveryCodeHashes: readonly string[]): Promise<void> {
  await q.updateTable('staff').set({ totp_enabled_at: at }).where('id', '=', staffId).execute();
  await q.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
  await q
    .insertInto('staff_recovery_codes')
    .values(recoveryCodeHashes.map((codeHash) => ({ staff_id: staffId, code_hash: codeHash, created_at: at, used_at: null })))
    .execute();
}

export async function disableTotp(q: Queries, staffId: string): Promise<void> {
  await q.updateTable('staff').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', staffId).execute();
  await q.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
}

/**
 * Records `step` as the last TOTP step used, when it is later than the last one: false when a code of
 * this step (or a later one) was already accepted, so that a code is taken once even by two requests at once.
 */
export async function useTotpStep(q: Queries, staffId: string, step: number): Promise<boolean> {
  const result = await q
    .updateTable('staff')
    .set({ totp_last_step: step })
    .where('id', '=', staffId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks an unused recovery code used; false when there is none with this hash (or it was used). */
export async function useRecoveryCode(q: Queries, staffId: string, codeHash: string, at: string): Promise<boolean> {
  const result = await q
    .updateTable('staff_recovery_codes')
    .set({ used_at: at })
    .where('staff_id', '=', staffId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(q: Queries, staffId: string): Promise<number> {
  const row = await q
    .selectFrom('staff_recovery_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

// ---- the sign-in's second step ----

export async function insertLoginChallenge(q: Queries, challenge: { tokenHash: string; staffId: string; expiresAt: string }): Promise<void> {
  await q.insertInto('staff_login_challenges').values({ token_hash: challenge.tokenHash, staff_id: challenge.staffId, expires_at: challenge.expiresAt }).execute();
}

export async function findLoginChallenge(q: Queries, tokenHash: string): Promise<{ staffId: string; expiresAt: string } | undefined> {
  const row = await q.selectFrom('staff_login_challenges').select(['staff_id', 'expires_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && { staffId: row.staff_id, expiresAt: row.expires_at };
}

/** Takes the challenge away; false when another request took it first. */
export async function deleteLoginChallenge(q: Queries, tokenHash: string): Promise<boolean> {
  const result = await q.deleteFrom('staff_login_challenges').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ---- nodes that require two-step sign-in ----

/** The ids of a materialised path `/<root>/…/<own>/`, the root first. */
function pathIds(path: string): string[] {
  return path.split('/').filter((id) => id !== '');
}

/** The node at `path` or the nearest above it that requires two-step sign-in for its subtree; null when none does. */
export async function findTotpRequirement(q: Queries, path: string): Promise<{ nodeId: string } | null> {
  const ids = pathIds(path);
  if (ids.length === 0) return null;
  const rows = await q.selectFrom('nodes').select(['id', 'path']).where('id', 'in', ids).where('require_totp', '=', 1).execute();
  const nearest = rows.sort((a, b) => b.path.length - a.path.length)[0];
  return nearest ? { nodeId: nearest.id } : null;
}

export async function setNodeRequireTotp(q: Queries, nodeId: string, required: boolean): Promise<void> {
  await q.updateTable('nodes').set({ require_totp: required ? 1 : 0 }).where('id', '=', nodeId).execute();
}

export async function nodeRequiresTotp(q: Queries, nodeId: string): Promise<boolean> {
  const row = await q.selectFrom('nodes').select('require_totp').where('id', '=', nodeId).executeTakeFirst();
  return Number(row?.require_totp ?? 0) === 1;
}
