/**
 * Simulated officer devices for the sync tests: each has its own IndexedDB (its own fake-indexeddb
 * factory, so two devices never share data), the real Dexie layer, and the real sync engine talking
 * to a real server over HTTP. Time and randomness are injected so backoff is deterministic.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { SyncRepository } from '../../../src/app/db/syncRepository';
import { createSyncEngine, type SyncEngine, type SyncEngineDeps } from '../../../src/app/sync/engine';
import { enrolDevice } from '../../../src/app/sync/enrol';
import { syncPhase, type ReportSyncPhase } from '../../../src/domain/sync';
import type { LocalStore, StoredReport } from '../../../src/app/db';
import { openFreshStore } from '../db/helpers';

export interface ManualClock {
  now: number;
}

export interface TestDevice {
  name: string;
  local: LocalStore;
  syncStore: SyncRepository;
  engine: SyncEngine;
  clock: ManualClock;
  enrol(serverUrl: string, code: string): Promise<void>;
  report(id: string): Promise<StoredReport>;
  phase(id: string): Promise<ReportSyncPhase>;
  close(): void;
}

export async function makeDevice(name: string, options: Partial<SyncEngineDeps> = {}): Promise<TestDevice> {
  const local = await openFreshStore(`device-${name}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const syncStore = new SyncRepository(local);
  const clock: ManualClock = { now: Date.parse('2025-11-20T08:00:00.000Z') };
  const engine = createSyncEngine({
    storage: syncStore,
    fetch: globalThis.fetch,
    now: () => clock.now,
    random: () => 0.5,
    ...options,
  });
  const device: TestDevice = {
    name,
    local,
    syncStore,
    engine,
    clock,
    async enrol(serverUrl, code) {
      const result = await enrolDevice(
        { fetch: globalThis.fetch, saveEnrolment: (url, token, deviceName) => syncStore.saveEnrolment(url, token, deviceName) },
        { serverUrl, code, deviceName: `Điện thoại ${name}` },
      );
      if (!result.ok) throw new Error(`enrolment failed: ${result.failure}`);
    },
    async report(id) {
      const stored = await local.reports.get(id);
      if (!stored) throw new Error(`no report ${id} on ${name}`);
      return stored;
    },
    async phase(id) {
      const stored = await device.report(id);
      return syncPhase(stored.document, stored.sync);
    },
    close() {
      engine.stop();
      local.close();
    },
  };
  return device;
}
