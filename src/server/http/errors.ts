/** Every error leaves as `{error, message, details}`; Fastify's own 400/413/415 are renamed to our codes. */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ApiError, ApiErrorCode } from '../../domain/sync';
import { ApiFailure } from '../services/errors';

export function sendApiError(reply: FastifyReply, status: number, error: ApiErrorCode, message: string, details?: unknown) {
  const body: ApiError = details === undefined ? { error, message } : { error, message, details };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

function fromFastify(error: FastifyError): { status: number; code: ApiErrorCode; message: string } | null {
  const status = error.statusCode ?? 500;
  if (status === 413) return { status, code: 'payload_too_large', message: 'The body is larger than 256 KB.' };
  if (status === 415) return { status, code: 'unsupported_media_type', message: 'Send the body as application/json.' };
  const malformedJson =
    error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError;
  if (status === 400 && malformedJson) return { status, code: 'malformed_json', message: 'The body is not valid JSON.' };
  if (status >= 400 && status < 500) return { status, code: 'bad_request', message: 'The request is not well formed.' };
  return null;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiFailure) return sendApiError(reply, error.status, error.code, error.message, error.details);
    const known = fromFastify(error);
    if (known) return sendApiError(reply, known.status, known.code, known.message);
    request.log.error({ err: error }, 'request failed');
    return sendApiError(reply, 500, 'internal', 'The server could not answer; try again later.');
  });
}
