/** A feature's component drawn to HTML as the app draws it, in either language (English loaded up front). */
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { loadSyncMessages } from '../../../src/app/features/syncStatus/messages';
import { I18nProvider, loadMessages, type Language, type Messages } from '../../../src/app/i18n';

const messages: Record<Language, Messages> = { vi: await loadMessages('vi'), en: await loadMessages('en') };
// English sync texts load on first use in the app; here they are loaded up front.
await loadSyncMessages('en');

export function render(node: ReactNode, language: Language = 'vi'): string {
  return renderToStaticMarkup(createElement(I18nProvider, { language, messages: messages[language], setLanguage: () => undefined }, node));
}
