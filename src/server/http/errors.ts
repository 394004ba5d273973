/** Every error leaves as `{error, message, details}`; Fastify's own 400/413/415 are renamed to our codes. */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ApiError, ApiErrorCode } from '../../domain/sync';
import { ApiFailure } from '../services/errors';
import { API_HEADERS } from './headers';

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

/** What Node's HTTP parser and its timers refuse, before Fastify has a request to answer. */
function fromParser(code: string | undefined): { status: number; reason: string; body: ApiError } {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { status: 408, reason: 'Request Timeout', body: { error: 'request_timeout', message: 'The request did not arrive in time; send it again.' } };
  if (code === 'HPE_HEADER_OVERFLOW')
    return { status: 431, reason: 'Request Header Fields Too Large', body: { error: 'headers_too_large', message: 'The request headers are too large.' } };
  return { status: 400, reason: 'Bad Request', body: { error: 'bad_request', message: 'The request is not well formed HTTP.' } };
}

/**
 * Fastify's `clientErrorHandler`: a malformed request, headers past the limit, or a request (headers
 * or body) that took too long, answered in our JSON shape with the API's headers, then the connection
 * is closed (the parser cannot tell where the next request would start).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, reason, body } = fromParser(error.code);
  const json = JSON.stringify(body);
  const headers = {
    ...API_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(json)),
    Connection: 'close',
  };
  if (socket.writable) {
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    socket.write(`HTTP/1.1 ${status} ${reason}\r\n${lines.join('\r\n')}\r\n\r\n${json}`);
  }
  socket.destroy();
}
