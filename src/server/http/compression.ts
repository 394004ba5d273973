/**
 * Large JSON answers (a first pull of a union's reports, the period overview) travel compressed; the
 * app's files do not pass through here, since the build already wrote their Brotli and gzip copies
 * (web.ts serves those as they are), and compressing them again per request would only cost CPU.
 */
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { isApiPath } from './headers';

/** Below this, the headers and the CPU cost more than the bytes saved. */
export const API_COMPRESSION_THRESHOLD_BYTES = 1024;

export async function registerApiCompression(app: FastifyInstance): Promise<void> {
  // Runs before @fastify/compress's own onRoute hook, which reads `compress` from the route.
  app.addHook('onRoute', (route) => {
    if (!isApiPath(route.url)) route.compress = false;
  });
  await app.register(fastifyCompress, {
    threshold: API_COMPRESSION_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    // Devices send plain JSON; a compressed request body would only open a door to zip bombs.
    globalDecompression: false,
  });
}
