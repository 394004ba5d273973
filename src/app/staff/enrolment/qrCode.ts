/**
 * QR codes for enrolment cards, drawn as SVG so that they print sharp at any size. The encoder
 * (uqr, about 5 KB gzipped) is imported the first time a card is drawn, not with the dashboard.
 */

/** A QR code as an SVG path in module units: `size` × `size` including the quiet zone. */
export interface QrPicture {
  size: number;
  /** One `M x y h1 v1 h-1 z` square per dark module. */
  path: string;
}

/** The quiet zone the QR standard asks for: four modules on every side, so phones find the code on a busy page. */
export const QUIET_ZONE = 4;

/** `true` for dark modules, row by row (uqr's `data`, without its border). */
export function pictureOfModules(modules: readonly (readonly boolean[])[]): QrPicture {
  const parts: string[] = [];
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`);
    }),
  );
  return { size: modules.length + 2 * QUIET_ZONE, path: parts.join('') };
}

/**
 * The QR code of a text. Error correction M (15 %): a card folded, smudged or photographed at an
 * angle still reads, and the link of a server address and a code stays a small, quick-to-scan version.
 */
export async function qrPicture(text: string): Promise<QrPicture> {
  const { encode } = await import('uqr');
  return pictureOfModules(encode(text, { ecc: 'M', border: 0 }).data);
}
