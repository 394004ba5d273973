/** The routes of notifications to the officer's phone (services/notifications.ts); HTTP only. */
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../services/context';
import { pushPublicKey, putPushRefusal, putPushSubscription, remindNow, roundReach, setReminderSchedule, type SubscriptionRules } from '../services/notifications';
import { ApiFailure } from '../services/errors';
import { deviceAuth, requireDevice, requireStaff, staffAuth } from './auth';

type IdParams = { Params: { id: string } };

/** A body route refuses a request that carries no JSON object at all. */
async function requireJsonObject(request: { body: unknown }): Promise<void> {
  if (typeof request.body !== 'object' || request.body === null) throw new ApiFailure(415, 'unsupported_media_type', 'Send the body as application/json.');
}

export function registerNotificationRoutes(app: FastifyInstance, context: ServiceContext, rules: SubscriptionRules): void {
  const device = deviceAuth(context);
  const staff = staffAuth(context);

  app.get('/api/push/key', async () => pushPublicKey(context));

  app.put('/api/push/subscription', { onRequest: device, preValidation: requireJsonObject }, async (request, reply) => {
    await putPushSubscription(context, requireDevice(request), request.body, rules);
    return reply.code(204).send();
  });

  app.put('/api/push/refusal', { onRequest: device }, async (request, reply) => {
    await putPushRefusal(context, requireDevice(request), 'refused');
    return reply.code(204).send();
  });

  app.delete('/api/push/subscription', { onRequest: device }, async (request, reply) => {
    await putPushRefusal(context, requireDevice(request), 'off');
    return reply.code(204).send();
  });

  app.get<IdParams>('/api/staff/rounds/:id/reach', { onRequest: staff }, async (request) => roundReach(context, requireStaff(request), request.params.id));

  app.put<IdParams>('/api/staff/rounds/:id/reminders', { onRequest: staff, preValidation: requireJsonObject }, async (request) =>
    setReminderSchedule(context, requireStaff(request), request.params.id, request.body),
  );

  app.post<IdParams>('/api/staff/rounds/:id/remind', { onRequest: staff, preValidation: requireJsonObject }, async (request) =>
    remindNow(context, requireStaff(request), request.params.id, request.body),
  );
}
