/**
 * Reading an enrolment QR code: the browser's own `BarcodeDetector` where it has one that reads QR
 * codes (Chrome on Android), and jsQR where it does not (Safari on iPhone, Firefox, desktop Linux).
 * jsQR is a chunk of its own, imported only here, so it never weighs on the officer's first load;
 * the service worker precaches it with every other chunk, so scanning works offline too.
 * No React here: QrScanButton drives it.
 */

/** Which decoder reads the frames; shown on the scanner as `data-decoder` for tests and support. */
export type QrDecoderKind = 'native' | 'jsqr';

export interface QrDecoder {
  kind: QrDecoderKind;
  /** The text of the first QR code in the picture, or null when none is readable. */
  decode(source: HTMLVideoElement | ImageBitmap): Promise<string | null>;
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorInstance {
  detect(source: HTMLVideoElement | ImageBitmap): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
}

/** Pictures are scaled down to this many pixels on their longer side: enough for a code filling a third of the frame. */
const MAX_DECODE_SIDE = 960;

async function nativeDecoder(): Promise<QrDecoder | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return {
      kind: 'native',
      decode: async (source) => (await detector.detect(source))[0]?.rawValue ?? null,
    };
  } catch {
    // Declared but unusable (no platform support behind it): read with jsQR instead.
    return null;
  }
}

function sourceSize(source: HTMLVideoElement | ImageBitmap): { width: number; height: number } {
  return 'videoWidth' in source ? { width: source.videoWidth, height: source.videoHeight } : { width: source.width, height: source.height };
}

async function jsqrDecoder(): Promise<QrDecoder> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return {
    kind: 'jsqr',
    decode: async (source) => {
      const { width, height } = sourceSize(source);
      if (!context || width === 0 || height === 0) return null;
      const scale = Math.min(1, MAX_DECODE_SIDE / Math.max(width, height));
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      context.drawImage(source, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
    },
  };
}

/** The best decoder this browser has. */
export async function createQrDecoder(): Promise<QrDecoder> {
  return (await nativeDecoder()) ?? jsqrDecoder();
}

export type CameraFailure = 'unsupported' | 'denied' | 'unavailable';

export type CameraStart = { ok: true; stream: MediaStream } | { ok: false; failure: CameraFailure };

/** The back camera where there is one. Never throws: a refusal is an answer the screen explains. */
export async function startCamera(): Promise<CameraStart> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) return { ok: false, failure: 'unsupported' };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
    return { ok: true, stream };
  } catch (error) {
    const name = (error as { name?: string }).name;
    return { ok: false, failure: name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable' };
  }
}

export function stopCamera(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * Reads frames of a playing video until `accept` takes a decoded text (returns true) or `signal`
 * aborts. One frame at a time, a few a second: a phone stays cool and the page stays responsive.
 */
export async function scanVideo(
  video: HTMLVideoElement,
  decoder: QrDecoder,
  accept: (text: string) => boolean,
  signal: AbortSignal,
  intervalMs = 150,
): Promise<void> {
  while (!signal.aborted) {
    if (video.readyState >= 2) {
      let text: string | null = null;
      try {
        text = await decoder.decode(video);
      } catch {
        // A frame the decoder could not take (the camera is still starting): try the next one.
      }
      if (text != null && !signal.aborted && accept(text)) return;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Reads a photo of the code (the file picker's camera on an iPhone, or a saved picture). */
export async function decodeImageFile(file: Blob, decoder: QrDecoder): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return await decoder.decode(bitmap);
  } finally {
    bitmap.close();
  }
}
