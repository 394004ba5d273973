import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';

/**
 * One server and one Chromium for a whole test file: started before its first test, closed after its
 * last (a browser per test would double the suite's time on two cores). `use` hands both to the file.
 */
export function serverAndBrowserPerFile<Server extends { close(): Promise<void> }>(
  startServer: () => Promise<Server>,
  use: (server: Server, browser: Browser) => void,
): void {
  let server: Server | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    use(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}

/**
 * A folder of its own for a whole test file (downloads, files to upload, printed PDFs), made before its
 * first test and removed after its last. Returns the folder's path, to be read inside a test.
 */
export function folderPerFile(name: string): () => string {
  let folder: string | undefined;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), `bao-cao-cdcs-${name}-`));
  });
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });
  return () => {
    if (!folder) throw new Error('folderPerFile: read the folder inside a test');
    return folder;
  };
}
