/**
 * Devices: enrolment codes the staff issue for a union, enrolment (and its preview) with such a code,
 * recognising a device by its bearer token, and the staff's list and revocation of a union's devices.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { ENROLMENT_CODE_HINT_LENGTH, ENROLMENT_CODE_LIMITS, type IssuedEnrolmentCode, type UnionDevice, type UnionEnrolmentCode } from '../../domain/staff';
import type { EnrolmentCodeRefusal, EnrolPreview, EnrolResponse } from '../../domain/sync';
import { communeInName, provinceInName, type UnionAddress } from '../../domain/profile';
import type { EnrolmentCodeRecord, NodeRecord, StoreReads } from '../store/store';
import { recordAudit } from './audit';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure } from './errors';
import { isUuid, lineOfText, parseInput } from './input';
import { newEnrolmentCode, newToken, normaliseEnrolmentCode, sha256Hex } from './secrets';
import { noSuch, reaches, requireRole, type StaffActor, unionInReach } from './actors';

export const DEFAULT_CODE_VALID_DAYS = ENROLMENT_CODE_LIMITS.validDays.default;
export const DEFAULT_CODE_MAX_USES = ENROLMENT_CODE_LIMITS.maxUses.default;
/** What a staff member may choose for a code (the API's 422 and the admin command line's sentences name these). */
export const CODE_VALID_DAYS = ENROLMENT_CODE_LIMITS.validDays;
export const CODE_MAX_USES = ENROLMENT_CODE_LIMITS.maxUses;
const DAY_MS = 86_400_000;

export const enrolRequestSchema = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(64)),
  deviceName: lineOfText({ min: 1, max: 100 }),
});

const invalidCode = () => new ApiFailure(400, 'enrolment_code_invalid', 'No such enrolment code.');
/** Why a code no longer enrols: the officer holding it is told which (withdrawn, expired or used up). */
function refusalOf(code: EnrolmentCodeRecord, now: string): EnrolmentCodeRefusal | null {
  if (code.revokedAt) return { reason: 'withdrawn' };
  if (code.expiresAt <= now) return { reason: 'expired' };
  if (code.uses >= code.maxUses) return { reason: 'used_up' };
  return null;
}

const REFUSALS: Record<EnrolmentCodeRefusal['reason'], string> = {
  withdrawn: 'This enrolment code has been withdrawn.',
  expired: 'This enrolment code has expired.',
  used_up: 'This enrolment code has been used up.',
};

const expiredCode = (refusal: EnrolmentCodeRefusal) => new ApiFailure(410, 'enrolment_code_expired', REFUSALS[refusal.reason], refusal);

async function findCode(context: ServiceContext, typed: string): Promise<EnrolmentCodeRecord> {
  const code = normaliseEnrolmentCode(typed);
  const enrolmentCode = code ? await context.store.findEnrolmentCodeByHash(sha256Hex(code)) : undefined;
  if (!enrolmentCode) throw invalidCode();
  return enrolmentCode;
}

export const enrolPreviewSchema = z.object({ code: z.string().check(z.minLength(1), z.maxLength(64)) });

/** Which union and superior a code belongs to, without using it: the officer confirms before enrolling. */
export async function previewEnrolment(context: ServiceContext, body: unknown): Promise<EnrolPreview> {
  const request = parseInput(enrolPreviewSchema, body);
  const enrolmentCode = await findCode(context, request.code);
  const refusal = refusalOf(enrolmentCode, isoNow(context));
  if (refusal) throw expiredCode(refusal);
  const [union, superior] = await Promise.all([
    context.store.findUnion(enrolmentCode.unionId),
    context.store.findSuperiorOfUnion(enrolmentCode.unionId),
  ]);
  if (!union) throw invalidCode();
  return {
    union: { id: union.id, name: union.name },
    superior: superior ?? null,
    expiresAt: enrolmentCode.expiresAt,
    usesLeft: enrolmentCode.maxUses - enrolmentCode.uses,
  };
}

export async function enrol(context: ServiceContext, body: unknown): Promise<EnrolResponse> {
  const request = parseInput(enrolRequestSchema, body);
  const enrolmentCode = await findCode(context, request.code);
  const invalid = invalidCode();

  const enrolled = await context.store.write(async (tx): Promise<EnrolResponse> => {
    const now = isoNow(context);
    if (!(await tx.useEnrolmentCode(enrolmentCode.id, now))) {
      // Refused by the store: read again why (another phone may have taken the last use meanwhile).
      const current = (await tx.findEnrolmentCode(enrolmentCode.id)) ?? enrolmentCode;
      throw expiredCode(refusalOf(current, now) ?? { reason: 'used_up' });
    }
    const union = await tx.findUnion(enrolmentCode.unionId);
    if (!union) throw invalid;
    const token = newToken();
    const deviceId = randomUUID();
    await tx.insertDevice({
      id: deviceId,
      unionId: union.id,
      name: request.deviceName,
      tokenHash: sha256Hex(token),
      createdAt: now,
      lastSeenAt: now,
      revokedAt: null,
    });
    const superior = await tx.findSuperiorOfUnion(union.id);
    return {
      token,
      deviceId,
      union: { id: union.id, name: union.name, employer: union.employer, sector: union.sector },
      superior: superior ?? null,
    };
  });
  // Read after the enrolment's transaction, which it need not hold: names only, for the profile to start from.
  return { ...enrolled, address: await addressInTree(context.store, enrolled.superior?.id ?? null) };
}

/**
 * The commune and province a union under `superiorId` is in, as the tree's names tell them: the
 * province from the root (a provincial federation), the commune from the nearest commune union on the
 * way up. Null where no name says it.
 */
async function addressInTree(store: StoreReads, superiorId: string | null): Promise<UnionAddress> {
  const superior = superiorId ? await store.findNode(superiorId) : undefined;
  if (!superior) return { commune: null, province: null };
  const ids = superior.path.split('/').filter(Boolean);
  const byId = new Map((await store.listNodes(ids)).map((node) => [node.id, node]));
  const way = ids.map((id) => byId.get(id)).filter((node) => node !== undefined);
  const root = way[0];
  const commune = way.reverse().find((node) => node.kind === 'upper_commune');
  return {
    commune: commune ? communeInName(commune.name) : null,
    province: root?.kind === 'province' ? provinceInName(root.name) : null,
  };
}

/** The device behind `Authorization: Bearer <token>`; 401 for none, unknown or revoked. */
export async function authenticateDevice(context: ServiceContext, authorization: string | undefined): Promise<UnionDevice> {
  const token = bearerToken(authorization);
  const device = token ? await context.store.findDeviceByTokenHash(sha256Hex(token)) : undefined;
  if (!device || device.revokedAt) throw new ApiFailure(401, 'unauthorized', 'Send the device token as Authorization: Bearer <token>; enrol again if it was revoked.');
  return device;
}

/** RFC 9110 §11.1: the scheme is case-insensitive (`bearer`, `BEARER`), the token is not. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer +([A-Za-z0-9_-]{16,128})$/i.exec(authorization?.trim() ?? '');
  return match?.[1] ?? null;
}

// ---- the staff's side ----

const LIMITS = ENROLMENT_CODE_LIMITS;
const issueCodeSchema = z.object({
  validDays: z.optional(z.int().check(z.gte(LIMITS.validDays.min), z.lte(LIMITS.validDays.max))),
  maxUses: z.optional(z.int().check(z.gte(LIMITS.maxUses.min), z.lte(LIMITS.maxUses.max))),
});

export async function issueEnrolmentCode(context: ServiceContext, actor: StaffActor, unionId: string, input: unknown): Promise<IssuedEnrolmentCode> {
  const { union, superior } = await unionInReach(context.store, actor, unionId);
  requireRole(actor, 'reviewer', 'issue enrolment codes');
  const options = parseInput(issueCodeSchema, input ?? {});
  const now = context.now();
  const expiresAt = new Date(now.getTime() + (options.validDays ?? DEFAULT_CODE_VALID_DAYS) * DAY_MS).toISOString();
  const maxUses = options.maxUses ?? DEFAULT_CODE_MAX_USES;
  const code = newEnrolmentCode();
  const normalised = normaliseEnrolmentCode(code) as string;
  const id = randomUUID();
  const createdAt = now.toISOString();
  await context.store.write(async (tx) => {
    await tx.insertEnrolmentCode({
      id,
      unionId: union.id,
      codeHash: sha256Hex(normalised),
      expiresAt,
      maxUses,
      createdAt,
      revokedAt: null,
      codeHint: normalised.slice(-ENROLMENT_CODE_HINT_LENGTH),
      issuedBy: { id: actor.staffId, username: actor.username },
    });
    // Never the code, nor its last characters: the log is read by more people than the code was given to.
    await recordAudit(tx, context, actor, { action: 'enrolment_code.issued', node: superior, unionId: union.id, target: { kind: 'enrolment_code', id }, after: { expiresAt, maxUses } });
  });
  return { id, code, unionId: union.id, createdAt, expiresAt, maxUses };
}

export async function listDevices(context: ServiceContext, actor: StaffActor, unionId: string): Promise<UnionDevice[]> {
  const { union } = await unionInReach(context.store, actor, unionId);
  return context.store.listDevices(union.id);
}

/** A device or code of a union, by id, with the union's superior, when the actor reaches that; 404 `what` otherwise. */
async function ofUnionInReach<T extends { unionId: string }>(
  context: ServiceContext,
  actor: StaffActor,
  id: string,
  find: (id: string) => Promise<T | undefined>,
  what: string,
): Promise<{ found: T; superior: NodeRecord }> {
  const found = isUuid(id) ? await find(id) : undefined;
  const superior = found ? await context.store.findSuperiorOfUnion(found.unionId) : undefined;
  const node = superior ? await context.store.findNode(superior.id) : undefined;
  if (!found || !node || !reaches(actor, node.path)) throw noSuch(what);
  return { found, superior: node };
}

export async function revokeDevice(context: ServiceContext, actor: StaffActor, deviceId: string): Promise<UnionDevice> {
  const { found: device, superior } = await ofUnionInReach(context, actor, deviceId, (id) => context.store.findDevice(id), 'device');
  requireRole(actor, 'reviewer', 'revoke devices');
  return context.store.write(async (tx) => {
    const changed = await tx.revokeDevice(device.id, isoNow(context));
    // A revoked phone is told nothing more: its subscription and its sends not yet made go.
    await tx.notifications.dropDevice(device.id, isoNow(context));
    const revoked = (await tx.findDevice(device.id)) as UnionDevice;
    // A device revoked before stays as it was: nothing changed, nothing to record.
    if (changed)
      await recordAudit(tx, context, actor, { action: 'device.revoked', node: superior, unionId: device.unionId, target: { kind: 'device', id: device.id }, before: { name: device.name, revokedAt: null }, after: { name: revoked.name, revokedAt: revoked.revokedAt } });
    return revoked;
  });
}

function toUnionEnrolmentCode(code: EnrolmentCodeRecord): UnionEnrolmentCode {
  return {
    id: code.id,
    unionId: code.unionId,
    createdAt: code.createdAt,
    expiresAt: code.expiresAt,
    maxUses: code.maxUses,
    usesLeft: code.maxUses - code.uses,
    codeHint: code.codeHint,
    issuedBy: code.issuedBy,
  };
}

/**
 * The codes issued for a union that can still enrol a device, for any staff member who reaches the
 * union: never the code itself (only its hash is kept), its last characters at most.
 */
export async function listEnrolmentCodes(context: ServiceContext, actor: StaffActor, unionId: string): Promise<UnionEnrolmentCode[]> {
  const { union } = await unionInReach(context.store, actor, unionId);
  return (await context.store.listValidEnrolmentCodes(union.id, isoNow(context))).map(toUnionEnrolmentCode);
}

/** Withdraws a code before it expires (a card lost or handed to the wrong union): enrolling with it answers 410. */
export async function withdrawEnrolmentCode(context: ServiceContext, actor: StaffActor, codeId: string): Promise<UnionEnrolmentCode> {
  const { found: code, superior } = await ofUnionInReach(context, actor, codeId, (id) => context.store.findEnrolmentCode(id), 'enrolment code');
  requireRole(actor, 'reviewer', 'withdraw enrolment codes');
  return context.store.write(async (tx) => {
    const changed = await tx.withdrawEnrolmentCode(code.id, isoNow(context));
    const withdrawn = (await tx.findEnrolmentCode(code.id)) as EnrolmentCodeRecord;
    if (changed)
      await recordAudit(tx, context, actor, {
        action: 'enrolment_code.withdrawn',
        node: superior,
        unionId: code.unionId,
        target: { kind: 'enrolment_code', id: code.id },
        before: { expiresAt: code.expiresAt, usesLeft: code.maxUses - code.uses },
        after: { withdrawnAt: withdrawn.revokedAt },
      });
    return toUnionEnrolmentCode(withdrawn);
  });
}
