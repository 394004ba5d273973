/**
 * Devices: enrolment codes the staff issue for a union, enrolment (and its preview) with such a code,
 * recognising a device by its bearer token, and the staff's list and revocation of a union's devices.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { IssuedEnrolmentCode, UnionDevice, UnionEnrolmentCode } from '../../domain/staff';
import type { EnrolPreview, EnrolResponse } from '../../domain/sync';
import type { DeviceRecord, EnrolmentCodeRecord } from '../store/store';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure } from './errors';
import { isUuid, lineOfText, parseInput } from './input';
import { newEnrolmentCode, newToken, normaliseEnrolmentCode, sha256Hex } from './secrets';
import { noSuch, reaches, requireRole, type StaffActor, unionInReach } from './staff';

export const DEFAULT_CODE_VALID_DAYS = 7;
export const DEFAULT_CODE_MAX_USES = 3;
const DAY_MS = 86_400_000;

export const enrolRequestSchema = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(64)),
  deviceName: lineOfText({ min: 1, max: 100 }),
});

const invalidCode = () => new ApiFailure(400, 'enrolment_code_invalid', 'No such enrolment code.');
const expiredCode = () => new ApiFailure(410, 'enrolment_code_expired', 'This enrolment code has expired or has been used up.');

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
  if (enrolmentCode.revokedAt || enrolmentCode.expiresAt <= isoNow(context) || enrolmentCode.uses >= enrolmentCode.maxUses) throw expiredCode();
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

  return context.store.write(async (tx) => {
    const now = isoNow(context);
    if (!(await tx.useEnrolmentCode(enrolmentCode.id, now))) throw expiredCode();
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
    return { token, deviceId, union: { id: union.id, name: union.name }, superior: superior ?? null };
  });
}

/** The device behind `Authorization: Bearer <token>`; 401 for none, unknown or revoked. */
export async function authenticateDevice(context: ServiceContext, authorization: string | undefined): Promise<DeviceRecord> {
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

const issueCodeSchema = z.object({
  validDays: z.optional(z.int().check(z.gte(1), z.lte(90))),
  maxUses: z.optional(z.int().check(z.gte(1), z.lte(20))),
});

export async function issueEnrolmentCode(context: ServiceContext, actor: StaffActor, unionId: string, input: unknown): Promise<IssuedEnrolmentCode> {
  const { union } = await unionInReach(context.store, actor, unionId);
  requireRole(actor, 'reviewer', 'issue enrolment codes');
  const options = parseInput(issueCodeSchema, input ?? {});
  const now = context.now();
  const expiresAt = new Date(now.getTime() + (options.validDays ?? DEFAULT_CODE_VALID_DAYS) * DAY_MS).toISOString();
  const maxUses = options.maxUses ?? DEFAULT_CODE_MAX_USES;
  const code = newEnrolmentCode();
  await context.store.write((tx) =>
    tx.insertEnrolmentCode({
      id: randomUUID(),
      unionId: union.id,
      codeHash: sha256Hex(normaliseEnrolmentCode(code) as string),
      expiresAt,
      maxUses,
      createdAt: now.toISOString(),
      revokedAt: null,
    }),
  );
  return { code, unionId: union.id, expiresAt, maxUses };
}

export async function listDevices(context: ServiceContext, actor: StaffActor, unionId: string): Promise<UnionDevice[]> {
  const { union } = await unionInReach(context.store, actor, unionId);
  return context.store.listDevices(union.id);
}

export async function revokeDevice(context: ServiceContext, actor: StaffActor, deviceId: string): Promise<UnionDevice> {
  const device = isUuid(deviceId) ? await context.store.findDevice(deviceId) : undefined;
  const superior = device ? await context.store.findSuperiorOfUnion(device.unionId) : undefined;
  const node = superior ? await context.store.findNode(superior.id) : undefined;
  if (!device || !node || !reaches(actor, node.path)) throw noSuch('device');
  requireRole(actor, 'reviewer', 'revoke devices');
  return context.store.write(async (tx) => {
    await tx.revokeDevice(device.id, isoNow(context));
    return (await tx.findDevice(device.id)) as UnionDevice;
  });
}

function toUnionEnrolmentCode(code: EnrolmentCodeRecord): UnionEnrolmentCode {
  return { id: code.id, unionId: code.unionId, createdAt: code.createdAt, expiresAt: code.expiresAt, maxUses: code.maxUses, usesLeft: code.maxUses - code.uses };
}

/** The codes issued for a union that can still enrol a device (never the code itself: only its hash is kept). */
export async function listEnrolmentCodes(context: ServiceContext, actor: StaffActor, unionId: string): Promise<UnionEnrolmentCode[]> {
  const { union } = await unionInReach(context.store, actor, unionId);
  return (await context.store.listValidEnrolmentCodes(union.id, isoNow(context))).map(toUnionEnrolmentCode);
}

/** Withdraws a code before it expires (a card lost or handed to the wrong union): enrolling with it answers 410. */
export async function withdrawEnrolmentCode(context: ServiceContext, actor: StaffActor, codeId: string): Promise<UnionEnrolmentCode> {
  const code = isUuid(codeId) ? await context.store.findEnrolmentCode(codeId) : undefined;
  const superior = code ? await context.store.findSuperiorOfUnion(code.unionId) : undefined;
  const node = superior ? await context.store.findNode(superior.id) : undefined;
  if (!code || !node || !reaches(actor, node.path)) throw noSuch('enrolment code');
  requireRole(actor, 'reviewer', 'withdraw enrolment codes');
  return context.store.write(async (tx) => {
    await tx.withdrawEnrolmentCode(code.id, isoNow(context));
    return toUnionEnrolmentCode((await tx.findEnrolmentCode(code.id)) as EnrolmentCodeRecord);
  });
}
