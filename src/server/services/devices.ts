/** Enrolment of a device with a code, and recognising a device by its bearer token. */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { EnrolResponse } from '../../domain/sync';
import type { DeviceRecord } from '../store/store';
import { type ServiceContext, isoNow } from './context';
import { ApiFailure } from './errors';
import { lineOfText, parseInput } from './input';
import { newToken, normaliseEnrolmentCode, sha256Hex } from './secrets';

export const enrolRequestSchema = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(64)),
  deviceName: lineOfText({ min: 1, max: 100 }),
});

export async function enrol(context: ServiceContext, body: unknown): Promise<EnrolResponse> {
  const request = parseInput(enrolRequestSchema, body);
  const code = normaliseEnrolmentCode(request.code);
  const invalid = new ApiFailure(400, 'enrolment_code_invalid', 'No such enrolment code.');
  if (!code) throw invalid;
  const enrolmentCode = await context.store.findEnrolmentCodeByHash(sha256Hex(code));
  if (!enrolmentCode) throw invalid;

  return context.store.write(async (tx) => {
    const now = isoNow(context);
    if (!(await tx.useEnrolmentCode(enrolmentCode.id, now)))
      throw new ApiFailure(410, 'enrolment_code_expired', 'This enrolment code has expired or has been used up.');
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
    return { token, deviceId, union: { id: union.id, name: union.name }, superior: null };
  });
}

/** The device behind `Authorization: Bearer <token>`; 401 for none, unknown or revoked. */
export async function authenticateDevice(context: ServiceContext, authorization: string | undefined): Promise<DeviceRecord> {
  const token = bearerToken(authorization);
  const device = token ? await context.store.findDeviceByTokenHash(sha256Hex(token)) : undefined;
  if (!device || device.revokedAt) throw new ApiFailure(401, 'unauthorized', 'Send the device token as Authorization: Bearer <token>; enrol again if it was revoked.');
  return device;
}

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(authorization?.trim() ?? '');
  return match?.[1] ?? null;
}
