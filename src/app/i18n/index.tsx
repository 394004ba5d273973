/**
 * Two languages as plain objects, a context to pick one, and nothing else: a library would cost
 * the officer's phone more than these few lines. Vietnamese ships in the entry bundle; English
 * loads the first time it is chosen (it is small, but every kilobyte of the entry counts).
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Language } from '../db';
import { vi, type Messages } from './vi';

export type { Messages } from './vi';
export * from './format';

export const LANGUAGES: readonly Language[] = ['vi', 'en'];

let english: Messages | null = null;

/** The messages of a language, loading them if needed. */
export async function loadMessages(language: Language): Promise<Messages> {
  if (language === 'vi') return vi;
  english ??= (await import('./en')).en;
  return english;
}

interface I18nValue {
  language: Language;
  t: Messages;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18nValue>({ language: 'vi', t: vi, setLanguage: () => {} });

export function I18nProvider({
  language,
  messages,
  setLanguage,
  children,
}: {
  language: Language;
  messages: Messages;
  setLanguage: (language: Language) => void;
  children?: ReactNode;
}) {
  return <I18nContext.Provider value={{ language, t: messages, setLanguage }}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
export * from './superior';
