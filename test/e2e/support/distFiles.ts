import { readFile, readdir } from 'node:fs/promises';
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
const dynamicImport = /\bimport\(\s*[`"']([^`"']+\.js)[`"']\s*\)/g;

/**
 * Every JS file a first load must fetch before the app runs: the module script(s) of index.html,
 * their modulepreloads, the app those scripts import as soon as the shell has painted (`src/app/boot.ts`
 * imports `main.tsx` dynamically, so that the shell paints first) and, transitively, their static
 * imports. The app's own lazy `import()` chunks (screens, the sync engine …) are not in it. Every
 * dynamic import of index.html's own script counts: boot.ts has one, the app. Were the app itself the
 * page's script again, its lazy screens would be counted too, and the budget would fail, not pass wrongly.
 */
export async function entryScripts(): Promise<string[]> {
  const html = (await readDist('index.html')).toString('utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*type="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => new URL(m[1]!, 'http://app/').pathname);
  const preloads = [...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => new URL(m[1]!, 'http://app/').pathname);
  return [...(await withImports([...scripts, ...preloads], new Set(), (path) => scripts.includes(path)))];
}

/**
 * `start` and what it imports statically, directly or not (and dynamically, for the files `dynamicToo`
 * names), added to `seen`, which is returned.
 */
async function withImports(start: string[], seen: Set<string>, dynamicToo: (path: string) => boolean = () => false): Promise<Set<string>> {
  const queue = [...start];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const code = (await readDist(path)).toString('utf8');
    const imports = dynamicToo(path) ? [...code.matchAll(staticImport), ...code.matchAll(dynamicImport)] : [...code.matchAll(staticImport)];
    for (const match of imports) queue.push(new URL(match[1]!, `http://app${path}`).pathname);
  }
  return seen;
}

/**
 * What the officer's usual start runs: the entry scripts and, because the app opens on the report being
 * drafted, the report editor's chunk with what it imports statically (main.tsx asks for it at once).
 */
export async function officerStartScripts(): Promise<string[]> {
  const editor = (await readdir(posix.join(distDir, 'assets'))).filter((name) => /^ReportEditorScreen-[\w-]+\.js$/.test(name));
  if (editor.length !== 1) throw new Error(`expected one report editor chunk, found ${editor.join(', ') || 'none'}`);
  return [...(await withImports([`/assets/${editor[0]}`], new Set(await entryScripts())))];
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
