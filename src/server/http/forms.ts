/**
 * The report forms' routes (services/forms.ts). The upload is the .xlsx file itself as the body, read
 * as bytes by a parser that exists only in this scope (every other route speaks JSON), up to
 * MAX_FORM_FILE_BYTES; a download is the file with a name to save it under.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_FORM_FILE_BYTES, XLSX_MEDIA_TYPE } from '../../domain/forms/catalogue';
import type { ServiceContext } from '../services/context';
import { ApiFailure } from '../services/errors';
import { exportForm, getForm, importForm, listForms, publishForm } from '../services/forms';
import { requireStaff, type staffAuth } from './auth';

type FormParams = { Params: { code: string; version: string } };

function tooLarge(): ApiFailure {
  return new ApiFailure(413, 'payload_too_large', `The spreadsheet is larger than ${MAX_FORM_FILE_BYTES / 1024 / 1024} MB; a form is far smaller.`);
}

/** Refuses an announced body past the limit before reading it (the parser's own limit catches an unannounced one). */
async function refuseLargeFile(request: FastifyRequest): Promise<void> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_FORM_FILE_BYTES) throw tooLarge();
}

function uploadedFile(request: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(request.body))
    throw new ApiFailure(415, 'unsupported_media_type', `Send the form as the .xlsx file itself, with Content-Type: ${XLSX_MEDIA_TYPE}.`);
  return request.body;
}

export function registerFormRoutes(app: FastifyInstance, context: ServiceContext, staff: ReturnType<typeof staffAuth>): void {
  void app.register(async (scope) => {
    // Some clients label a file they do not know as octet-stream; the service checks what it holds either way.
    scope.addContentTypeParser([XLSX_MEDIA_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_FORM_FILE_BYTES }, (_request, body, done) =>
      done(null, body),
    );

    // A body sent without its length meets the parser's limit instead: the same answer, not the JSON routes' 256 KB one.
    // What this handler throws goes on to the app's own (http/errors.ts).
    scope.setErrorHandler((error: FastifyError) => {
      throw error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? tooLarge() : error;
    });

    scope.get<{ Querystring: { node?: string } }>('/api/staff/forms', { onRequest: staff }, async (request) => ({
      forms: await listForms(context, requireStaff(request), request.query.node),
    }));

    // One route for both: `/forms/mau-1/2` is the version as JSON, `/forms/mau-1/2.xlsx` its spreadsheet.
    scope.get<FormParams>('/api/staff/forms/:code/:version', { onRequest: staff }, async (request, reply) => {
      const { code, version } = request.params;
      if (!version.endsWith('.xlsx')) return getForm(context, requireStaff(request), code, version);
      const { fileName, file } = await exportForm(context, requireStaff(request), code, version.slice(0, -'.xlsx'.length));
      return reply.type(XLSX_MEDIA_TYPE).header('Content-Disposition', `attachment; filename="${fileName}"`).send(file);
    });

    scope.post<{ Params: { id: string } }>('/api/staff/nodes/:id/forms', { onRequest: [staff, refuseLargeFile] }, async (request, reply) => {
      const imported = await importForm(context, requireStaff(request), request.params.id, uploadedFile(request));
      return reply.code(201).send(imported);
    });

    scope.post<FormParams>('/api/staff/forms/:code/:version/publish', { onRequest: staff }, async (request) =>
      publishForm(context, requireStaff(request), request.params.code, request.params.version),
    );
  });
}
