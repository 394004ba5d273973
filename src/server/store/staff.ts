/** Staff accounts (on a node, with a role) and their sessions; only hashes of passwords and session tokens are stored. */
import type { StaffRole } from '../../domain/organisation';
import type { Selectable } from 'kysely';
import type { Queries, StaffTable } from './schema';

export interface StaffRecord {
  id: string;
  username: string;
  passwordHash: string;
  nodeId: string;
  role: StaffRole;
  createdAt: string;
  /** After an admin's reset: the next session may only change the password (0017). */
  mustChangePassword: boolean;
  /** Two-step sign-in is on (0017). */
  totpEnabled: boolean;
}

/** A new account: nobody has to change its password or set up two-step sign-in unless told. */
export type NewStaff = Omit<StaffRecord, 'mustChangePassword' | 'totpEnabled'> & { mustChangePassword?: boolean };

/** A session with what every staff request needs to check: the member, their role, their node's path. */
export interface StaffSessionRecord {
  id: string;
  staffId: string;
  username: string;
  role: StaffRole;
  nodeId: string;
  nodePath: string;
  expiresAt: string;
  /** The last request seen, to the minute (the idle limit counts from it). */
  lastSeenAt: string;
  /** Set by an admin's reset: the session may only change the password. */
  mustChangePassword: boolean;
  totpEnabled: boolean;
}

export interface NewSession {
  id: string;
  tokenHash: string;
  staffId: string;
  createdAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
}

function toStaff(row: Selectable<StaffTable>): StaffRecord {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    nodeId: row.node_id,
    role: row.role as StaffRole,
    createdAt: row.created_at,
    mustChangePassword: Number(row.must_change_password) === 1,
    totpEnabled: row.totp_enabled_at !== null,
  };
}

export async function findStaffByUsername(q: Queries, username: string): Promise<StaffRecord | undefined> {
  const row = await q.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
  return row && toStaff(row);
}

export async function findStaff(q: Queries, id: string): Promise<StaffRecord | undefined> {
  const row = await q.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStaff(row);
}

export async function listStaff(q: Queries, nodeId: string): Promise<StaffRecord[]> {
  const rows = await q.selectFrom('staff').selectAll().where('node_id', '=', nodeId).orderBy('username').execute();
  return rows.map(toStaff);
}

export async function insertStaff(q: Queries, staff: NewStaff): Promise<void> {
  await q
    .insertInto('staff')
    .values({
      id: staff.id,
      username: staff.username,
      password_hash: staff.passwordHash,
      node_id: staff.nodeId,
      role: staff.role,
      created_at: staff.createdAt,
      // Only when set: the column's default covers the rest (and a store migrated to before 0017 has no column).
      ...(staff.mustChangePassword ? { must_change_password: 1 } : {}),
    })
    .execute();
}

export async function setStaffPassword(q: Queries, id: string, passwordHash: string): Promise<void> {
  await q.updateTable('staff').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  await q.deleteFrom('staff_sessions').where('staff_id', '=', id).execute();
}

/** The member's sessions stay: every request reads the role anew (findSessionByTokenHash), so the new one applies at once. */
export async function setStaffRole(q: Queries, id: string, role: StaffRole): Promise<void> {
  await q.updateTable('staff').set({ role }).where('id', '=', id).execute();
}

export async function deleteStaff(q: Queries, id: string): Promise<void> {
  await q.deleteFrom('staff_sessions').where('staff_id', '=', id).execute();
  await q.deleteFrom('staff_login_challenges').where('staff_id', '=', id).execute();
  await q.deleteFrom('staff_recovery_codes').where('staff_id', '=', id).execute();
  await q.deleteFrom('staff').where('id', '=', id).execute();
}

// ---- sessions ----

export async function findSessionByTokenHash(q: Queries, tokenHash: string): Promise<StaffSessionRecord | undefined> {
  const row = await q
    .selectFrom('staff_sessions as s')
    .innerJoin('staff as m', 'm.id', 's.staff_id')
    .innerJoin('nodes as n', 'n.id', 'm.node_id')
    .select(['s.id', 's.staff_id', 'm.username', 'm.role', 'm.node_id', 'n.path', 's.expires_at', 's.created_at', 's.last_seen_at', 'm.must_change_password', 'm.totp_enabled_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return (
    row && {
      id: row.id ?? '',
      staffId: row.staff_id,
      username: row.username,
      role: row.role as StaffRole,
      nodeId: row.node_id,
      nodePath: row.path,
      expiresAt: row.expires_at,
      lastSeenAt: row.last_seen_at ?? row.created_at,
      mustChangePassword: Number(row.must_change_password) === 1,
      totpEnabled: row.totp_enabled_at !== null,
    }
  );
}

export async function insertSession(q: Queries, session: NewSession): Promise<void> {
  await q
    .insertInto('staff_sessions')
    .values({
      id: session.id,
      token_hash: session.tokenHash,
      staff_id: session.staffId,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      last_seen_at: session.createdAt,
      address: session.address,
      user_agent: session.userAgent,
    })
    .execute();
}

export async function deleteSession(q: Queries, tokenHash: string): Promise<void> {
  await q.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
}

/** Sessions past their end or idle since `idleSince`, and sign-ins that never gave their second step. */
export async function deleteExpiredSessions(q: Queries, now: string, idleSince: string): Promise<void> {
  await q.deleteFrom('staff_sessions').where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)])).execute();
  await q.deleteFrom('staff_login_challenges').where('expires_at', '<=', now).execute();
}
