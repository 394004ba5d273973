/** Key/value settings of this device: the union profile, language, and the sync engine's state. */
import Dexie from 'dexie';
import type { LocalStore } from './database';
import { withStorageErrors } from './errors';
import type { SettingKey, SettingValues } from './schema';

export class SettingsRepository {
  constructor(private readonly store: LocalStore) {}

  get<K extends SettingKey>(key: K): Promise<SettingValues[K] | undefined> {
    return withStorageErrors(async () => (await this.store.db.settings.get(key))?.value as SettingValues[K] | undefined);
  }

  set<K extends SettingKey>(key: K, value: SettingValues[K]): Promise<void> {
    return withStorageErrors(async () => {
      await this.store.db.settings.put({ key, value });
    });
  }

  remove(key: SettingKey): Promise<void> {
    return withStorageErrors(() => this.store.db.settings.delete(key));
  }

  /**
   * Calls `listener` with the setting's value now and after every change to it, from this tab or
   * another (the sync engine writes the superior's name as the change feed brings it). Returns the stop.
   */
  watch<K extends SettingKey>(key: K, listener: (value: SettingValues[K] | undefined) => void): () => void {
    const prefix = `idb://${this.store.db.name}/settings/`;
    let active = true;
    const read = () => {
      this.get(key).then(
        (value) => active && listener(value),
        () => {
          // A closed database (upgrade in another tab) ends the watch; the page reloads anyway.
        },
      );
    };
    const onMutated = (parts: Record<string, unknown>) => {
      if (Object.keys(parts).some((part) => part.startsWith(prefix))) read();
    };
    Dexie.on('storagemutated', onMutated);
    read();
    return () => {
      active = false;
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }
}
