/** Key/value settings of this device: the union profile, language, and the sync engine's state. */
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
}
