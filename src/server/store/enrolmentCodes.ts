/**
 * Enrolment codes in the store: kept apart from store.ts's other queries, which call these with their
 * own connection or transaction (as ./rounds.ts). A code is stored as its hash only; what the staff
 * see of it is its last characters (`codeHint`), who issued it and when, its expiry and its uses.
 */
import type { EnrolmentCodesTable, Queries } from './schema';

export interface EnrolmentCodeRecord {
  id: string;
  unionId: string;
  expiresAt: string;
  maxUses: number;
  uses: number;
  createdAt: string;
  revokedAt: string | null;
  /** The code's last characters, for the staff to tell codes apart; null for a code issued before 0013. */
  codeHint: string | null;
  /** Who issued it (`id` null for the admin command line); null for a code issued before 0013. */
  issuedBy: { id: string | null; username: string } | null;
}

export type NewEnrolmentCode = Omit<EnrolmentCodeRecord, 'uses'> & { codeHash: string };

function toEnrolmentCode(row: Omit<EnrolmentCodesTable, 'uses'> & { uses: number }): EnrolmentCodeRecord {
  return {
    id: row.id,
    unionId: row.union_id,
    expiresAt: row.expires_at,
    maxUses: Number(row.max_uses),
    uses: Number(row.uses),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    codeHint: row.code_hint,
    issuedBy: row.issued_by_username === null ? null : { id: row.issued_by_staff_id, username: row.issued_by_username },
  };
}

export async function findEnrolmentCodeByHash(q: Queries, codeHash: string): Promise<EnrolmentCodeRecord | undefined> {
  const row = await q.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  return row && toEnrolmentCode(row);
}

export async function findEnrolmentCode(q: Queries, id: string): Promise<EnrolmentCodeRecord | undefined> {
  const row = await q.selectFrom('enrolment_codes').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toEnrolmentCode(row);
}

/** A union's codes still valid at `now` (not expired, used up or withdrawn), the newest first. */
export async function listValidEnrolmentCodes(q: Queries, unionId: string, now: string): Promise<EnrolmentCodeRecord[]> {
  const rows = await q
    .selectFrom('enrolment_codes')
    .selectAll()
    .where('union_id', '=', unionId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where((eb) => eb('uses', '<', eb.ref('max_uses')))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toEnrolmentCode);
}

export async function insertEnrolmentCode(q: Queries, code: NewEnrolmentCode): Promise<void> {
  await q
    .insertInto('enrolment_codes')
    .values({
      id: code.id,
      union_id: code.unionId,
      code_hash: code.codeHash,
      expires_at: code.expiresAt,
      max_uses: code.maxUses,
      created_at: code.createdAt,
      revoked_at: code.revokedAt,
      code_hint: code.codeHint,
      issued_by_staff_id: code.issuedBy?.id ?? null,
      issued_by_username: code.issuedBy?.username ?? null,
    })
    .execute();
}

/** Counts one use if the code is still valid at `now`; false when expired, used up or withdrawn. */
export async function useEnrolmentCode(q: Queries, id: string, now: string): Promise<boolean> {
  // One conditional update: two devices enrolling at once can never both take the last use.
  const result = await q
    .updateTable('enrolment_codes')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where((eb) => eb('uses', '<', eb.ref('max_uses')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Withdraws a code (no further enrolment with it); one already withdrawn keeps its first time. */
/** True when this call changed it (it was not already); false for one done before. */
export async function withdrawEnrolmentCode(q: Queries, id: string, at: string): Promise<boolean> {
  const result = await q.updateTable('enrolment_codes').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
