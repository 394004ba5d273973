import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { distDir } from './staticServer';

/** The gzip a web server sends by default (zlib level 6). */
export function gzippedBytes(content: Buffer | string): number {
  return gzipSync(content).length;
}

export async function readDist(path: string): Promise<Buffer> {
  return readFile(posix.join(distDir, path.replace(/^\//, '')));
}

const staticImport = /\b(?:import|from)\s*["']([^"']+\.js)["']/g;

/**
 * Every JS file a first load must fetch before the app runs: the module script(s) of index.html,
 * their modulepreloads, and, transitively, their static imports. Lazy `import()` chunks are not in it.
 */
export async function entryScripts(): Promise<string[]> {
  const html = (await readDist('index.html')).toString('utf8');
  const roots = [
    ...[...html.matchAll(/<script\b[^>]*type="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!),
  ];
  const seen = new Set<string>();
  const queue = roots.map((src) => new URL(src, 'http://app/').pathname);
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const code = (await readDist(path)).toString('utf8');
    for (const match of code.matchAll(staticImport)) queue.push(new URL(match[1]!, `http://app${path}`).pathname);
  }
  return [...seen];
}

export async function entryGzippedBytes(): Promise<{ files: { path: string; gzipped: number }[]; total: number }> {
  const files = await Promise.all(
    (await entryScripts()).map(async (path) => ({ path, gzipped: gzippedBytes(await readDist(path)) })),
  );
  return { files, total: files.reduce((sum, file) => sum + file.gzipped, 0) };
}

/** The URLs the service worker precaches, read from the manifest workbox inlines into dist/sw.js. */
export async function precacheUrls(): Promise<string[]> {
  const sw = (await readDist('sw.js')).toString('utf8');
  return [...new Set([...sw.matchAll(/\burl:\s*"([^"]+)"/g)].map((m) => m[1]!))];
}

export async function precacheGzippedBytes(): Promise<{ count: number; total: number }> {
  const urls = await precacheUrls();
  const sizes = await Promise.all(urls.map(async (url) => gzippedBytes(await readDist(url))));
  return { count: urls.length, total: sizes.reduce((sum, size) => sum + size, 0) };
}
