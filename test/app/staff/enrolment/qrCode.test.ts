/** The enrolment card's QR code, drawn by the staff module, reads back with the phone's fallback decoder. */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrPicture, type QrPicture } from '../../../../src/app/staff/enrolment/qrCode';
import { enrolmentLink, parseEnrolmentLink } from '../../../../src/domain/enrolmentLink';

/** The SVG path's unit squares as RGBA pixels, `scale` pixels per module, as a printer or a screen would draw them. */
function rasterize(picture: QrPicture, scale: number): { data: Uint8ClampedArray; width: number; height: number } {
  const width = picture.size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y] of picture.path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < scale; dx++) {
        const at = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4;
        data[at] = data[at + 1] = data[at + 2] = 0;
      }
  }
  return { data, width, height: width };
}

describe('the enrolment QR code', () => {
  it('holds the link to a filled enrolment screen, and jsQR reads it back', async () => {
    const link = enrolmentLink('https://baocao.tayninh.vn', 'https://baocao.tayninh.vn', 'K7QF-M2XP');
    const picture = await qrPicture(link);
    expect(picture.size).toBeGreaterThan(21 + 8);
    const image = rasterize(picture, 4);
    const read = jsQR(image.data, image.width, image.height);
    expect(read?.data).toBe(link);
    expect(parseEnrolmentLink(read!.data)).toEqual({ serverUrl: 'https://baocao.tayninh.vn', code: 'K7QF-M2XP' });
  });
});
