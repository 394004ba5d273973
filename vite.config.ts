import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

/** What the build precompresses (and the server may send compressed): text, never images or fonts. */
const TEXT_ASSETS = /\.(?:html|js|mjs|css|svg|json|webmanifest|txt|xml)$/;

/**
 * vite-plugin-compression2 sees the bundle and public/, but vite-plugin-pwa writes sw.js and its
 * workbox runtime afterwards (in its own closeBundle): this step, ordered after it, compresses those.
 */
function precompressServiceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'precompress-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const names = (await readdir(outDir)).filter((name) => name === 'sw.js' || /^workbox-[\w-]+\.js$/.test(name));
        for (const name of names) {
          const file = join(outDir, name);
          const content = await readFile(file);
          await writeFile(`${file}.br`, await promisify(brotliCompress)(content, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }));
          await writeFile(`${file}.gz`, await promisify(gzip)(content, { level: 9 }));
        }
      },
    },
  };
}

const APP_BOOT = fileURLToPath(new URL('./src/app/boot.ts', import.meta.url));
const APP_MAIN = fileURLToPath(new URL('./src/app/main.tsx', import.meta.url));
const REPORT_EDITOR = fileURLToPath(new URL('./src/app/features/reports/ReportEditorScreen.tsx', import.meta.url));
const FORM_EDITOR = fileURLToPath(new URL('./src/app/features/reports/FormReportEditor.tsx', import.meta.url));
const FORM_PREVIEW = fileURLToPath(new URL('./src/app/staff/forms/PhonePreview.tsx', import.meta.url));

type ChunkingContext = {
  getModuleInfo(id: string): { importedIds: readonly string[]; importers: readonly string[]; dynamicImporters: readonly string[] } | null;
};

/** The lazily loaded modules (and the entry) whose loading brings `id` in, through static imports. */
function loadedWith(id: string, ctx: ChunkingContext): Set<string> {
  const starts = new Set<string>();
  const seen = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const member = queue.pop()!;
    if (seen.has(member)) continue;
    seen.add(member);
    const info = ctx.getModuleInfo(member);
    if (!info) continue;
    if (info.dynamicImporters.length > 0 || info.importers.length === 0) starts.add(member);
    queue.push(...info.importers);
  }
  return starts;
}

/** The modules `root` imports statically, directly or not (what must run before it can). */
function staticallyReachableFrom(root: string, ctx: ChunkingContext): Set<string> {
  const reached = new Set<string>();
  const queue = [root];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...(ctx.getModuleInfo(id)?.importedIds ?? []));
  }
  return reached;
}

/** The modules the officer's usual start runs: boot.ts, main.tsx and the report editor, with what they import statically. */
const OFFICER_START = [APP_BOOT, APP_MAIN, REPORT_EDITOR];

/**
 * What the chunking decides from the module graph, computed once per build: the app chunk (what main.tsx
 * imports statically, less what boot.ts itself imports) and the modules of the officer's start.
 */
let graph: { ctx: ChunkingContext; appChunk: Set<string>; editorChunk: Set<string>; formEditorChunk: Set<string>; officerStart: Set<string> } | undefined;
function moduleGraph(ctx: ChunkingContext): NonNullable<typeof graph> {
  if (graph?.ctx !== ctx) {
    const boot = staticallyReachableFrom(APP_BOOT, ctx);
    const main = staticallyReachableFrom(APP_MAIN, ctx);
    /** The modules `root` imports that only `starts` load: the app's own chunks left out. */
    const onlyLoadedWith = (root: string, starts: readonly string[]) =>
      new Set(
        [...staticallyReachableFrom(root, ctx)].filter(
          (member) => !main.has(member) && !boot.has(member) && [...loadedWith(member, ctx)].every((start) => starts.includes(start)),
        ),
      );
    const editorChunk = onlyLoadedWith(REPORT_EDITOR, [REPORT_EDITOR, FORM_EDITOR, FORM_PREVIEW]);
    graph = {
      ctx,
      appChunk: new Set([...main].filter((member) => !boot.has(member))),
      editorChunk,
      formEditorChunk: new Set([...onlyLoadedWith(FORM_EDITOR, [FORM_EDITOR, FORM_PREVIEW])].filter((member) => !editorChunk.has(member))),
      officerStart: new Set(OFFICER_START.flatMap((root) => [...staticallyReachableFrom(root, ctx)])),
    };
  }
  return graph;
}

/**
 * V8's compile hint (https://v8.dev/blog/explicit-compile-hints): every function of a chunk the officer's
 * start runs is compiled while the file streams in, off the main thread, and lands in the code cache,
 * instead of one at a time on the main thread when first called (most of them are, at start). Why:
 * decision 0010. Chunks of other screens stay lazily compiled. `graph` is there by then: the chunking
 * above computes it, and output (where this runs) comes after chunking.
 * Not boot's chunk nor the app chunk: their hint never took effect (it sat under Vite's `__vite__mapDeps`
 * line, where V8 does not read it), and once it did, the 20× cold start measured no faster (BENCHMARKS.md,
 * 2026-12-07, issue 22) while a first visit would wait for the whole app chunk's compile before it runs.
 */
const COMPILE_EVERY_FUNCTION = '//# allFunctionsCalledOnLoad';
function compileHint(chunk: { moduleIds: readonly string[] }): string {
  if (!graph || chunk.moduleIds.includes(APP_BOOT) || chunk.moduleIds.includes(APP_MAIN)) return '';
  return chunk.moduleIds.some((id) => graph!.officerStart.has(id)) ? COMPILE_EVERY_FUNCTION : '';
}

/**
 * V8 reads the compile hint only on a script's first line: below any code it is an ordinary comment, and
 * every function is again compiled lazily on the main thread. Vite's import analysis puts a chunk's list of
 * lazy imports' files (`const __vite__mapDeps=…`) above whatever the chunk began with, so once the report
 * editor imported a form's editor lazily (issue 22) its hint sat on line 2 and did nothing: the editor's
 * JavaScript, react-hook-form's included, ran 2–3× longer at a 20× throttled cold start. This moves the
 * hint back to line 1 within the import analysis's own step (the two lines swap, so the source maps still
 * hold; vite-plugin-compression2 compresses right after that step, so the Brotli and gzip copies hold the
 * fixed code too).
 */
function compileHintOnFirstLine(): Plugin {
  const moveHint = (bundle: Record<string, { type: string; code?: string }>) => {
    const line = `${COMPILE_EVERY_FUNCTION}\n`;
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || !chunk.code || chunk.code.startsWith(line)) continue;
      const at = chunk.code.indexOf(`\n${line}`);
      // Only right under the lines Vite put on top (its list of files), never a hint-like text deep in the code.
      if (at < 0 || chunk.code.slice(0, at).includes('\n') || !chunk.code.startsWith('const __vite__mapDeps=')) continue;
      chunk.code = line + chunk.code.slice(0, at + 1) + chunk.code.slice(at + 1 + line.length);
    }
  };
  return {
    name: 'compile-hint-on-first-line',
    apply: 'build',
    configResolved(config) {
      // Runs before vite-plugin-compression2's configResolved (enforce: post), which wraps the same hook.
      const analysis = config.plugins.find((plugin) => plugin.name === 'vite:build-import-analysis');
      const hook = analysis?.generateBundle;
      if (!analysis || !hook) throw new Error('compile-hint-on-first-line: Vite\'s import analysis step not found');
      const original = typeof hook === 'function' ? hook : hook.handler;
      const handler = async function (this: unknown, ...args: Parameters<typeof original>) {
        await (original as (...a: unknown[]) => unknown).apply(this, args);
        moveHint(args[1] as unknown as Record<string, { type: string; code?: string }>);
      } as typeof original;
      if (typeof hook === 'function') analysis.generateBundle = handler;
      else hook.handler = handler;
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    compileHintOnFirstLine(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      // globPatterns already precaches every icon; listing them again only doubled the manifest's entries.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Báo cáo CĐCS',
        short_name: 'Báo cáo CĐCS',
        description: 'Báo cáo hằng năm của công đoàn cơ sở gửi công đoàn cấp trên trực tiếp',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#b71c1c',
        background_color: '#ffffff',
        icons: [
          { src: 'pwa-64x64.png', sizes: '64x64', type: 'image/png' },
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        navigateFallback: '/index.html',
        // The API is never served from the cache: sync must see the real server or fail.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The first visit becomes controlled at once, so it already works offline. No skipWaiting:
        // an update waits for the officer's consent (src/app/pwa/UpdatePrompt), which flushes edits first.
        clientsClaim: true,
        // Background Sync (public/sw-background-sync.js): on `sync` the worker tells its pages to send now.
        // Web Push (public/sw-push.js): a push becomes a notification; its tap opens the screen it names.
        importScripts: ['sw-background-sync.js', 'sw-push.js'],
      },
    }),
    // Brotli and gzip copies of every text file, made once here and sent by the server as they are
    // (src/server/http/web.ts, preCompressed): a phone on a weak line downloads a third of the bytes.
    compression({
      include: TEXT_ASSETS,
      algorithms: ['brotliCompress', 'gzip'],
      // Every text file, however small: the entry budget counts the bytes as they travel, and a
      // chunk left plain (a tiny lazy one) would be the only file that travels uncompressed. A copy
      // a few bytes larger than the original is still kept, so that the rule has no exception.
      threshold: 0,
      skipIfLargerOrEqual: false,
      logLevel: 'silent',
    }),
    precompressServiceWorker(),
  ],
  build: {
    target: 'es2020',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // After minification, which would drop the comment.
        postBanner: compileHint,
        codeSplitting: {
          // src/app/boot.ts imports the app (main.tsx) only after the shell paints. Without this group
          // every module main shares with a lazy screen became a chunk of its own (19 requests instead
          // of 8 on a first visit, 5 KB more in all); with it the app's static part is one chunk again.
          // What boot.ts itself imports (the install-offer catcher, Vite's preload helper) stays with it,
          // hence not recursively: main's modules import the catcher too.
          // The report editor's modules are one chunk too, and the form editor's another, those the staff's
          // form preview shares with them (src/app/formFields) included: without these groups they became
          // chunks of their own, one more script on the officer's start (which loads the editor) and on
          // opening a form report. What other screens share stays as it was.
          groups: [
            { includeDependenciesRecursively: false, name: (id, ctx) => (moduleGraph(ctx).appChunk.has(id) ? 'main' : null) },
            { includeDependenciesRecursively: false, name: (id, ctx) => (moduleGraph(ctx).editorChunk.has(id) ? 'ReportEditorScreen' : null) },
            { includeDependenciesRecursively: false, name: (id, ctx) => (moduleGraph(ctx).formEditorChunk.has(id) ? 'FormReportEditor' : null) },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/domain/**/*.test.ts', 'test/app/**/*.test.ts'],
          // A test of the app that runs the real server is named *.server.test.ts: it belongs to `server`.
          exclude: [...configDefaults.exclude, 'test/app/**/*.server.test.ts'],
          environment: 'node',
          // A time limit only catches a hang: a test waits for its condition, however busy the machine
          // (issue 11: the suite runs beside another npm test on two cores).
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts', 'test/app/**/*.server.test.ts'],
          environment: 'node',
          // One PostgreSQL database and fixed files: run these files one at a time.
          fileParallelism: false,
          // As above: scrypt for every staff session and real processes are slow on a loaded machine, never wrong.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
