/**
 * Two languages as plain objects, a context to pick one, and nothing else: a library would cost
 * the officer's phone more than these few lines. Vietnamese ships in the entry bundle; English
 * loads the first time it is chosen (it is small, but every kilobyte of the entry counts).
 * How a room declares its own texts: README.md beside this file.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Language } from './language';
import { vi, type Messages } from './messages';

export { loadMessages, type Messages } from './messages';
export * from './format';
export * from './language';
export * from './superior';

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
