/** How a printed document ends, read back from its PDF's text (pdftotext -layout, pages split by form feeds). */
import { expect } from 'vitest';

/**
 * The closing sentence (from its first words to its `./.`), the recipients and the signature on one
 * page: a signature is never left alone on a page of its own.
 */
export function expectClosingWithSignature(layoutText: string, closingStart: string, signerName: string): void {
  const pages = layoutText.split('\f').map((page) => page.replace(/\s+/g, ' '));
  const pageOf = (piece: string) => pages.findIndex((page) => page.includes(piece));
  const closing = pageOf(closingStart);
  expect(closing, `"${closingStart}" printed`).toBeGreaterThanOrEqual(0);
  expect(pages[closing]!.indexOf('./.', pages[closing]!.indexOf(closingStart)), 'the closing sentence ends on its page').toBeGreaterThan(0);
  expect(pageOf('Nơi nhận:'), 'the recipients on the closing sentence’s page').toBe(closing);
  expect(pageOf(signerName), 'the signature on the closing sentence’s page').toBe(closing);
}
