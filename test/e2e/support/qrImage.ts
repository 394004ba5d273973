/**
 * A QR code as a PNG file, made in the test as a printer would: black modules on white with the
 * quiet zone, a few pixels per module. Fed to the phone's "Chụp hoặc chọn ảnh mã QR", it goes
 * through the same decoder path a photo of the enrolment card does.
 */
import { deflateSync } from 'node:zlib';
import { encode } from 'uqr';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A greyscale PNG of `text`'s QR code (error correction M, four-module quiet zone). */
export function qrPng(text: string, pixelsPerModule = 6): Buffer {
  const { data } = encode(text, { ecc: 'M', border: 4 });
  const size = data.length * pixelsPerModule;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(size + 1); // filter byte 0, then one grey byte per pixel
    const modules = data[Math.floor(y / pixelsPerModule)]!;
    for (let x = 0; x < size; x++) row[x + 1] = modules[Math.floor(x / pixelsPerModule)] ? 0 : 255;
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
