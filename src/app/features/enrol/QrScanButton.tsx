/**
 * "Quét mã QR" on the enrolment screen: the camera reads the enrolment card's QR code and fills the
 * server address and the code. Where the camera cannot open, a photo of the code does the same;
 * typing stays the fallback below. Nothing is sent until the officer presses "Kết nối".
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { parseEnrolmentLink, type EnrolmentLinkValues } from '../../../domain/enrolmentLink';
import { useI18n } from '../../i18n';
import { qrMessages } from './qrMessages';
import { createQrDecoder, decodeImageFile, scanVideo, startCamera, stopCamera, type CameraFailure, type QrDecoder } from './qrScanner';

type ScanState =
  | { kind: 'idle' }
  | { kind: 'scanning'; decoder: QrDecoder; stream: MediaStream }
  | { kind: 'noCamera'; failure: CameraFailure };

export function QrScanButton({ onScanned }: { onScanned: (values: EnrolmentLinkValues) => void }) {
  const { language } = useI18n();
  const m = qrMessages(language);
  const [state, setState] = useState<ScanState>({ kind: 'idle' });
  const [note, setNote] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [reading, setReading] = useState(false);
  const videoRef = useRef<HTMLVideoElement>(null);
  const decoderRef = useRef<Promise<QrDecoder> | null>(null);
  const decoder = () => (decoderRef.current ??= createQrDecoder());

  /** A decoded text: fills the form if it is an enrolment link; says so if it is some other code. */
  const take = (text: string): boolean => {
    const values = parseEnrolmentLink(text);
    if (!values) {
      setNote({ text: m.notEnrolment, kind: 'error' });
      return false;
    }
    setNote({ text: m.filled, kind: 'ok' });
    onScanned(values);
    return true;
  };

  const start = async () => {
    setNote(null);
    const [camera, chosen] = await Promise.all([startCamera(), decoder()]);
    if (!camera.ok) setState({ kind: 'noCamera', failure: camera.failure });
    else setState({ kind: 'scanning', decoder: chosen, stream: camera.stream });
  };

  const stop = () => {
    if (state.kind === 'scanning') stopCamera(state.stream);
    setState({ kind: 'idle' });
  };

  // While scanning: show the stream and read its frames until a code is taken or the scan stops.
  useEffect(() => {
    if (state.kind !== 'scanning') return;
    const video = videoRef.current;
    if (!video) return;
    const controller = new AbortController();
    video.srcObject = state.stream;
    void video.play().catch(() => undefined);
    void scanVideo(video, state.decoder, take, controller.signal).then(() => {
      if (controller.signal.aborted) return;
      stopCamera(state.stream);
      setState({ kind: 'idle' });
    });
    return () => {
      controller.abort();
      stopCamera(state.stream);
    };
    // `take` reads only stable setters and the language's texts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  const readPhoto = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setReading(true);
    setNote(null);
    try {
      const text = await decodeImageFile(file, await decoder());
      if (text == null) setNote({ text: m.noCodeInPhoto, kind: 'error' });
      else if (take(text)) stop();
    } catch {
      setNote({ text: m.noCodeInPhoto, kind: 'error' });
    } finally {
      setReading(false);
    }
  };

  const photoInput = (
    <label className="sync-button qr-photo">
      {reading ? m.reading : m.photo}
      <input
        type="file"
        accept="image/*"
        capture="environment"
        className="visually-hidden"
        data-testid="qr-photo"
        onChange={(event) => void readPhoto(event)}
      />
    </label>
  );

  return (
    <div className="qr-scan" data-testid="qr-scan" data-state={state.kind} data-decoder={state.kind === 'scanning' ? state.decoder.kind : undefined}>
      {state.kind === 'scanning' ? (
        <>
          <p className="enrol-hint">{m.aim}</p>
          <video ref={videoRef} className="qr-video" muted playsInline aria-label={m.videoLabel} />
          <div className="qr-actions">
            <button type="button" className="sync-button" onClick={stop}>
              {m.stop}
            </button>
            {photoInput}
          </div>
        </>
      ) : (
        <>
          <button type="button" className="sync-button sync-button-primary" data-testid="qr-scan-start" onClick={() => void start()}>
            {m.scan}
          </button>
          <p className="enrol-hint">{m.scanHint}</p>
          {state.kind === 'noCamera' ? (
            <>
              <p className="enrol-error" role="alert" data-testid="qr-camera-failure">
                {m.camera[state.failure]}
              </p>
              {photoInput}
            </>
          ) : null}
        </>
      )}
      {note ? (
        <p className={note.kind === 'ok' ? 'enrol-success' : 'enrol-error'} role="status" data-testid="qr-note">
          {note.text}
        </p>
      ) : null}
    </div>
  );
}
