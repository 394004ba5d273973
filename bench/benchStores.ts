/**
 * The two stores a server bench measures on: a SQLite file in a temporary folder, then a schema of its
 * own on the PostgreSQL of BENCH_DATABASE_URL or TEST_DATABASE_URL (skipped, saying so, when none
 * answers). Each is thrown away after its measurement.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../src/server/store/open';

type BenchStore = ReturnType<typeof openStore>;

export async function withSqliteBenchStore(name: string, measure: (store: BenchStore) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `bao-cao-bench-${name}-`));
  const store = openStore({ kind: 'sqlite', file: join(dir, `${name}.sqlite`) });
  try {
    await measure(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Answers false when PostgreSQL does not answer (the bench goes on without it). */
export async function withPostgresBenchStore(name: string, measure: (store: BenchStore) => Promise<void>): Promise<boolean> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL not reachable (${error instanceof Error ? error.message : String(error)}): skipped`);
    return false;
  }
  const schema = `bench_${name}_${randomBytes(5).toString('hex')}`;
  await admin.query(`create schema ${schema}`);
  const store = openStore({ kind: 'postgres', url, schema });
  try {
    await measure(store);
  } finally {
    await store.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
  return true;
}
