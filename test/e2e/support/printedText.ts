/**
 * A printed document read back from its PDF's text (pdftotext -layout, pages split by form feeds): its
 * pieces in order, and how it ends.
 */
import { expect } from 'vitest';

/**
 * Each expected piece found after the one before it, in the text read as one line (a body line may
 * wrap anywhere; the header's two columns come side by side, so its pieces are listed line by line).
 */
export function expectInOrder(text: string, pieces: string[]): void {
  const flat = text.replace(/\s+/g, ' ');
  let from = 0;
  for (const piece of pieces) {
    const at = flat.indexOf(piece, from);
    expect(at, `"${piece}" after position ${from} in: ${flat}`).toBeGreaterThanOrEqual(0);
    from = at + piece.length;
  }
}

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
