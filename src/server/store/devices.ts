/**
 * A union's devices in the store. A device is read as the staff API shows it (`UnionDevice`); its token
 * is kept only as a hash. The push path's two device queries (the token lookup, "last seen") are
 * prepared statements in ./push.ts.
 */
import type { UnionDevice } from '../../domain/staff';
import type { DevicesTable, Queries } from './schema';

/** A device to insert: the record and the hash of its bearer token. */
export type NewDevice = UnionDevice & { tokenHash: string };

/** Every column but the token's hash, which never leaves the store. */
export const deviceColumns = ['id', 'union_id', 'name', 'created_at', 'last_seen_at', 'revoked_at'] as const;

export function toDevice(row: Pick<DevicesTable, (typeof deviceColumns)[number]>): UnionDevice {
  return {
    id: row.id,
    unionId: row.union_id,
    name: row.name,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}

export async function findDevice(q: Queries, id: string): Promise<UnionDevice | undefined> {
  const row = await q.selectFrom('devices').select(deviceColumns).where('id', '=', id).executeTakeFirst();
  return row && toDevice(row);
}

export async function listDevices(q: Queries, unionId: string): Promise<UnionDevice[]> {
  const rows = await q
    .selectFrom('devices')
    .select(deviceColumns)
    .where('union_id', '=', unionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toDevice);
}

export async function countActiveDevices(q: Queries): Promise<Map<string, number>> {
  const rows = await q
    .selectFrom('devices')
    .select((eb) => ['union_id', eb.fn.countAll().as('devices')])
    .where('revoked_at', 'is', null)
    .groupBy('union_id')
    .execute();
  return new Map(rows.map((row) => [row.union_id, Number(row.devices)]));
}

export async function insertDevice(q: Queries, device: NewDevice): Promise<void> {
  await q
    .insertInto('devices')
    .values({
      id: device.id,
      union_id: device.unionId,
      name: device.name,
      token_hash: device.tokenHash,
      created_at: device.createdAt,
      last_seen_at: device.lastSeenAt,
      revoked_at: device.revokedAt,
    })
    .execute();
}

/** True when this call changed it (it was not already); false for one done before. */
export async function revokeDevice(q: Queries, id: string, at: string): Promise<boolean> {
  const result = await q.updateTable('devices').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
