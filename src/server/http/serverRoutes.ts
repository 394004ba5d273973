/** The server's own state for the province's admin (`GET /api/staff/server`): the store and its backups. */
import type { FastifyInstance } from 'fastify';
import { type NightlyBackups, serverStatus } from '../services/backups';
import type { ServiceContext } from '../services/context';
import { requireStaff, staffAuth } from './auth';

export function registerServerRoutes(app: FastifyInstance, context: ServiceContext, nightly: NightlyBackups | null): void {
  app.get('/api/staff/server', { onRequest: staffAuth(context) }, async (request) => serverStatus(context, requireStaff(request), { nightly }));
}
