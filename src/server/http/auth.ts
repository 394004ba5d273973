/**
 * Who is asking. Checked in `onRequest`, before the body is read, so that a stranger learns nothing
 * (not even whether a body would have parsed) and costs the server no parsing.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UnionDevice } from '../../domain/staff';
import type { ServiceContext } from '../services/context';
import { ApiFailure } from '../services/errors';
import { authenticateDevice, bearerToken } from '../services/devices';
import type { StaffActor } from '../services/actors';
import { authenticateStaff } from '../services/staff';

declare module 'fastify' {
  interface FastifyRequest {
    device: UnionDevice | null;
    staff: StaffActor | null;
  }
}

export function deviceAuth(context: ServiceContext) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    request.device = await authenticateDevice(context, request.headers.authorization);
  };
}

/**
 * A session that must first change its password or set up two-step sign-in reaches only the routes
 * that let it do so (`allowRestricted`); every other answers 403 with the restriction as its code.
 */
export function staffAuth(context: ServiceContext, { allowRestricted = false }: { allowRestricted?: boolean } = {}) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const actor = await authenticateStaff(context, bearerToken(request.headers.authorization));
    if (actor.restriction && !allowRestricted)
      throw new ApiFailure(
        403,
        actor.restriction,
        actor.restriction === 'password_change_required' ? 'Change your password first (POST /api/staff/me/password).' : 'Set up two-step sign-in first (POST /api/staff/me/totp/setup).',
      );
    request.staff = { ...actor, address: request.ip };
  };
}

export function requireStaff(request: FastifyRequest): StaffActor {
  if (!request.staff) throw new Error('route is missing staffAuth');
  return request.staff;
}

export function requireDevice(request: FastifyRequest): UnionDevice {
  if (!request.device) throw new Error('route is missing deviceAuth');
  return request.device;
}
