import { useEffect, useState } from 'react';
import type { Language } from '../i18n';
import { storageMessages } from './storageMessages';
import { askPersistentStorageAgain, formatBytes, persistenceState, type PersistenceAnswer } from './storage';

interface Usage {
  usage: number;
  quota: number;
}

/** For the settings screen: whether storage is persistent, and how much of the allowance is used. */
export default function StoragePanelView({ language }: { language: Language }) {
  const [persistence, setPersistence] = useState<PersistenceAnswer | null>(null);
  const [usage, setUsage] = useState<Usage | null>(null);
  useEffect(() => {
    let live = true;
    void persistenceState().then((answer) => live && setPersistence(answer));
    void navigator.storage
      ?.estimate?.()
      .then(({ usage = 0, quota = 0 }) => live && setUsage({ usage, quota }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const t = storageMessages(language);
  const locale = language === 'en' ? 'en-GB' : 'vi-VN';
  return (
    <section className="pwa-storage" data-testid="storage-panel">
      <h2>{t.storageTitle}</h2>
      <p data-testid="storage-persistence" data-persistence={persistence ?? 'checking'}>
        {persistence === null
          ? t.storageChecking
          : persistence === 'granted'
            ? t.storagePersisted
            : persistence === 'denied'
              ? t.storageNotPersisted
              : t.storageUnsupported}
      </p>
      {persistence === 'denied' && (
        <button
          type="button"
          className="pwa-button"
          onClick={() => void askPersistentStorageAgain().then(setPersistence)}
        >
          {t.storageRequest}
        </button>
      )}
      {usage && (
        <p data-testid="storage-usage">{t.storageUsage(formatBytes(usage.usage, locale), formatBytes(usage.quota, locale))}</p>
      )}
    </section>
  );
}
