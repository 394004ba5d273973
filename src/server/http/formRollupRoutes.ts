/**
 * A node's roll-up of a report form (services/formRollups.ts): as JSON for the staff screen, and as a
 * workbook to download. Staff only, within the member's subtree like every /api/staff/nodes/:id route.
 */
import type { FastifyInstance } from 'fastify';
import { XLSX_MEDIA_TYPE } from '../../domain/forms/catalogue';
import type { ServiceContext } from '../services/context';
import { formRollup, formRollupWorkbook } from '../services/formRollups';
import { requireStaff, type staffAuth } from './auth';

type RollupParams = { Params: { id: string; formId: string }; Querystring: Record<string, string | undefined> };

export function registerFormRollupRoutes(app: FastifyInstance, context: ServiceContext, staff: ReturnType<typeof staffAuth>): void {
  app.get<RollupParams>('/api/staff/nodes/:id/forms/:formId/rollup', { onRequest: staff }, async (request) =>
    formRollup(context, requireStaff(request), request.params.id, request.params.formId, request.query),
  );

  app.get<RollupParams>('/api/staff/nodes/:id/forms/:formId/rollup.xlsx', { onRequest: staff }, async (request, reply) => {
    const { fileName, file } = await formRollupWorkbook(context, requireStaff(request), request.params.id, request.params.formId, request.query);
    return reply.type(XLSX_MEDIA_TYPE).header('Content-Disposition', `attachment; filename="${fileName}"`).send(file);
  });
}
