/**
 * Kysely's savepoints (`trx.savepoint(name)` and its rollback and release, in a controlled transaction):
 * the same SQL on both stores, so the store's two drivers (sqliteDriver.ts, postgresDriver.ts) share them.
 * On SQLite they nest inside the savepoint each write transaction already runs in.
 */
import { CompiledQuery, type DatabaseConnection, type Driver } from 'kysely';

export abstract class DriverWithSavepoints implements Pick<Driver, 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint'> {
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }
}
