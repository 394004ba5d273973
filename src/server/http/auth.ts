/**
 * Who is asking. Checked in `onRequest`, before the body is read, so that a stranger learns nothing
 * (not even whether a body would have parsed) and costs the server no parsing.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../services/context';
import { authenticateDevice, bearerToken } from '../services/devices';
import { authenticateStaff, type StaffActor } from '../services/staff';
import type { DeviceRecord } from '../store/store';

declare module 'fastify' {
  interface FastifyRequest {
    device: DeviceRecord | null;
    staff: StaffActor | null;
  }
}

export function deviceAuth(context: ServiceContext) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    request.device = await authenticateDevice(context, request.headers.authorization);
  };
}

export function staffAuth(context: ServiceContext) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    request.staff = await authenticateStaff(context, bearerToken(request.headers.authorization));
  };
}

export function requireStaff(request: FastifyRequest): StaffActor {
  if (!request.staff) throw new Error('route is missing staffAuth');
  return request.staff;
}

export function requireDevice(request: FastifyRequest): DeviceRecord {
  if (!request.device) throw new Error('route is missing deviceAuth');
  return request.device;
}
