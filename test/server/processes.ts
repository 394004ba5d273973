/**
 * Real server processes for the tests of several processes on one PostgreSQL: `src/server/main.ts`
 * started as a province would run it, on the schema of a test store, with the default limits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { TEST_DATABASE_URL } from './helpers';

const ROOT = join(import.meta.dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  /** Resolves with the address once the process says it listens; rejects if it exits first. */
  url: Promise<string>;
}

/** The test database's URL with the search path set to `schema`, as an operator's DATABASE_URL would name it. */
export function schemaUrl(schema: string): string {
  const url = new URL(TEST_DATABASE_URL as string);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export function startServerProcess(databaseUrl: string, env: Record<string, string> = {}): ServerProcess {
  const { TEST_DATABASE_URL: _ignored, ...parentEnv } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...parentEnv, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', DIST_DIR: join(ROOT, 'no-dist-here'), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+?)["\s]/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { child, url };
}

/** SIGTERM to each process still running, and wait until they are gone. */
export async function stopServerProcesses(children: ChildProcess[]): Promise<void> {
  // A child killed by a signal has `exitCode` null and `signalCode` set: it has ended, and waiting for its
  // 'exit' again would wait forever.
  const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;
  for (const child of children) if (running(child)) child.kill('SIGTERM');
  await Promise.all(children.map((child) => (running(child) ? new Promise((resolve) => child.once('exit', resolve)) : undefined)));
}
