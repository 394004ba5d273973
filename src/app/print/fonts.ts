/**
 * Tinos (SIL Open Font License 1.1): metric-compatible with Times New Roman, which NĐ 30/2020 names and
 * which phones do not have. Only the Latin and Vietnamese subsets, in the four faces the document uses,
 * registered when the print view opens; the build emits them as woff2 files that the service worker
 * precaches, so printing works offline and the officer's first load never fetches them.
 */
import latin400 from '@fontsource/tinos/files/tinos-latin-400-normal.woff2?url';
import latin400Italic from '@fontsource/tinos/files/tinos-latin-400-italic.woff2?url';
import latin700 from '@fontsource/tinos/files/tinos-latin-700-normal.woff2?url';
import latin700Italic from '@fontsource/tinos/files/tinos-latin-700-italic.woff2?url';
import vietnamese400 from '@fontsource/tinos/files/tinos-vietnamese-400-normal.woff2?url';
import vietnamese400Italic from '@fontsource/tinos/files/tinos-vietnamese-400-italic.woff2?url';
import vietnamese700 from '@fontsource/tinos/files/tinos-vietnamese-700-normal.woff2?url';
import vietnamese700Italic from '@fontsource/tinos/files/tinos-vietnamese-700-italic.woff2?url';

export const DOCUMENT_FONT_FAMILY = 'Tinos';

// The ranges Fontsource gives each subset, so a browser fetches only the files a text needs.
const LATIN =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const VIETNAMESE =
  'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB';

const FACES: { url: string; weight: string; style: string; unicodeRange: string }[] = [
  { url: latin400, weight: '400', style: 'normal', unicodeRange: LATIN },
  { url: latin400Italic, weight: '400', style: 'italic', unicodeRange: LATIN },
  { url: latin700, weight: '700', style: 'normal', unicodeRange: LATIN },
  { url: latin700Italic, weight: '700', style: 'italic', unicodeRange: LATIN },
  { url: vietnamese400, weight: '400', style: 'normal', unicodeRange: VIETNAMESE },
  { url: vietnamese400Italic, weight: '400', style: 'italic', unicodeRange: VIETNAMESE },
  { url: vietnamese700, weight: '700', style: 'normal', unicodeRange: VIETNAMESE },
  { url: vietnamese700Italic, weight: '700', style: 'italic', unicodeRange: VIETNAMESE },
];

let loading: Promise<void> | null = null;

/**
 * Registers the faces and waits until all of them are ready, so that a print started right after
 * never falls back to another font. Safe to call more than once. A failure (a file missing from an
 * old cache) leaves the system serif in place: the document still prints.
 */
export function loadDocumentFonts(): Promise<void> {
  loading ??= Promise.all(
    FACES.map(async ({ url, weight, style, unicodeRange }) => {
      const face = new FontFace(DOCUMENT_FONT_FAMILY, `url(${JSON.stringify(url)}) format("woff2")`, {
        weight,
        style,
        unicodeRange,
        display: 'block',
      });
      document.fonts.add(face);
      await face.load();
    }),
  ).then(
    () => undefined,
    () => undefined,
  );
  return loading;
}
