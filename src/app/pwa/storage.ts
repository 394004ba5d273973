import { isStandalone } from './platform';

const PERSISTENCE_ANSWER_KEY = 'bao-cao-cdcs.storage-persistence';

export type PersistenceAnswer = 'granted' | 'denied' | 'unsupported';

function rememberedAnswer(): string | null {
  try {
    return localStorage.getItem(PERSISTENCE_ANSWER_KEY);
  } catch {
    return null;
  }
}

function remember(answer: PersistenceAnswer): void {
  try {
    localStorage.setItem(PERSISTENCE_ANSWER_KEY, answer);
  } catch {
    // Private modes may refuse localStorage; asking again next time is harmless.
  }
}

/**
 * Asks once for persistent storage (Firefox shows a prompt every time, so a refusal is remembered).
 * Asks again after installation: Chromium grants it to installed apps without a prompt.
 */
export async function requestPersistentStorage(): Promise<PersistenceAnswer> {
  if (!navigator.storage?.persist || !navigator.storage.persisted) return 'unsupported';
  try {
    if (await navigator.storage.persisted()) {
      remember('granted');
      return 'granted';
    }
    if (rememberedAnswer() === 'denied' && !isStandalone()) return 'denied';
    const answer: PersistenceAnswer = (await navigator.storage.persist()) ? 'granted' : 'denied';
    remember(answer);
    return answer;
  } catch {
    return 'unsupported';
  }
}

/** Asked on the officer's request from the settings screen, whatever the earlier answer was. */
export async function askPersistentStorageAgain(): Promise<PersistenceAnswer> {
  if (!navigator.storage?.persist) return 'unsupported';
  const answer: PersistenceAnswer = (await navigator.storage.persist()) ? 'granted' : 'denied';
  remember(answer);
  return answer;
}

export async function persistenceState(): Promise<PersistenceAnswer> {
  if (!navigator.storage?.persisted) return 'unsupported';
  return (await navigator.storage.persisted()) ? 'granted' : 'denied';
}

const byteUnits = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Binary units with the officer's decimal comma: 1 288 490 189 bytes → "1,2 GB" in vi-VN. */
export function formatBytes(bytes: number, locale = 'vi-VN'): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${byteUnits[unit]}`;
}
