/**
 * Enrolment: server address (this app's own address by default), the code the superior issued, a
 * name for the device. The app first asks the server which union and which superior the code belongs
 * to and shows them; only on the officer's "Kết nối" does the device enrol. On success the token and
 * the superior are kept and every report already on the phone is pushed. Loaded lazily: an officer
 * sees it once.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { formatDateTime, superiorName, useI18n } from '../../i18n';
import { enrol, enrolmentDetails, previewEnrolment, type EnrolPreviewResult, type EnrolResult } from '../../sync';
import { enrolMessages } from './messages';
import { QrScanButton } from './QrScanButton';
import { useEnrolmentLink } from './useEnrolmentLink';
import '../syncStatus/syncStatus.css';
import './enrol.css';

export interface EnrolScreenProps {
  /** Where "back to the reports" goes (a hash link). */
  backHref?: string;
}

export default function EnrolScreen({ backHref = '#/' }: EnrolScreenProps) {
  const { language, t } = useI18n();
  const m = enrolMessages(language);
  const id = useId();
  // Opened from an enrolment QR code (`#/enrol?server=…&code=…`): both fields come filled.
  const link = useEnrolmentLink();
  const [serverUrl, setServerUrl] = useState(() => link?.serverUrl || (typeof location === 'undefined' ? '' : location.origin));
  const [code, setCode] = useState(link?.code ?? '');
  const [deviceName, setDeviceName] = useState('');
  const [enrolledServer, setEnrolledServer] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<EnrolResult | null>(null);
  // The server's answer to "whose code is this?": shown for the officer to confirm before enrolling.
  const [preview, setPreview] = useState<EnrolPreviewResult | null>(null);

  useEffect(() => {
    let active = true;
    void enrolmentDetails().then((details) => {
      if (!active) return;
      if (details.serverUrl && !link?.serverUrl) setServerUrl(details.serverUrl);
      if (details.deviceName) setDeviceName(details.deviceName);
      if (details.enrolled) setEnrolledServer(details.serverUrl);
    });
    return () => {
      active = false;
    };
  }, [link]);

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setResult(null);
    setPreview(null);
    try {
      setPreview(await previewEnrolment({ serverUrl, code }));
    } finally {
      setSubmitting(false);
    }
  };

  const confirm = async () => {
    setSubmitting(true);
    try {
      const enrolled = await enrol({ serverUrl, code, deviceName });
      setResult(enrolled);
      if (!enrolled.ok) setPreview(null);
    } finally {
      setSubmitting(false);
    }
  };

  if (result?.ok) {
    return (
      <section className="enrol" data-testid="enrol-done">
        <h2>{m.title}</h2>
        <p role="status" className="enrol-success">
          {m.enrolledWith(result.response.union.name, superiorName(result.response.superior, t.superior.fallback))}
        </p>
        <a className="sync-button sync-button-primary" href={backHref}>
          {m.back}
        </a>
      </section>
    );
  }

  if (preview?.ok) {
    const { union, superior, expiresAt, usesLeft } = preview.preview;
    return (
      <section className="enrol" data-testid="enrol-confirm">
        <h2>{m.confirmTitle}</h2>
        <p>{m.confirmIntro}</p>
        <dl className="enrol-preview">
          <dt>{m.union}</dt>
          <dd data-testid="enrol-preview-union">{union.name}</dd>
          <dt>{m.superior}</dt>
          <dd data-testid="enrol-preview-superior">{superior ? superior.name : m.superiorUnknown}</dd>
        </dl>
        <p className="enrol-hint">{m.codeValid(formatDateTime(expiresAt), usesLeft)}</p>
        <p>{m.confirmQuestion}</p>
        <div className="enrol-actions">
          <button type="button" className="sync-button sync-button-primary" data-testid="enrol-confirm-button" disabled={submitting} onClick={() => void confirm()}>
            {submitting ? m.submitting : m.submit}
          </button>
          <button type="button" className="sync-button" data-testid="enrol-not-mine" disabled={submitting} onClick={() => setPreview(null)}>
            {m.notMine}
          </button>
        </div>
      </section>
    );
  }

  const failure = result && !result.ok ? result : preview && !preview.ok ? preview : null;
  return (
    <section className="enrol">
      <h2>{m.title}</h2>
      <p>{m.intro}</p>
      {enrolledServer ? <p className="enrol-info">{m.alreadyEnrolled(enrolledServer)}</p> : null}
      <QrScanButton
        onScanned={(values) => {
          if (values.serverUrl) setServerUrl(values.serverUrl);
          if (values.code) setCode(values.code);
          setPreview(null);
        }}
      />
      <form onSubmit={(event) => void check(event)} noValidate>
        <div className="enrol-field">
          <label htmlFor={`${id}-server`}>{m.serverUrl}</label>
          <input
            id={`${id}-server`}
            name="serverUrl"
            type="url"
            inputMode="url"
            autoComplete="url"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={serverUrl}
            aria-describedby={`${id}-server-hint`}
            onChange={(event) => setServerUrl(event.target.value)}
          />
          <p id={`${id}-server-hint`} className="enrol-hint">{m.serverUrlHint}</p>
        </div>
        <div className="enrol-field">
          <label htmlFor={`${id}-code`}>{m.code}</label>
          <input
            id={`${id}-code`}
            name="code"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            required
            maxLength={64}
            value={code}
            aria-describedby={`${id}-code-hint`}
            onChange={(event) => setCode(event.target.value)}
          />
          <p id={`${id}-code-hint`} className="enrol-hint">{m.codeHint}</p>
        </div>
        <div className="enrol-field">
          <label htmlFor={`${id}-device`}>{m.deviceName}</label>
          <input
            id={`${id}-device`}
            name="deviceName"
            required
            maxLength={100}
            value={deviceName}
            aria-describedby={`${id}-device-hint`}
            onChange={(event) => setDeviceName(event.target.value)}
          />
          <p id={`${id}-device-hint`} className="enrol-hint">{m.deviceNameHint}</p>
        </div>
        {failure ? (
          <p role="alert" className="enrol-error" data-testid="enrol-error" data-failure={failure.failure}>
            {m.failures[failure.failure]}
            {failure.retryAfterSeconds ? ` ${m.waitSeconds(failure.retryAfterSeconds)}` : null}
          </p>
        ) : null}
        <button type="submit" className="sync-button sync-button-primary" disabled={submitting}>
          {submitting ? m.checking : m.check}
        </button>
      </form>
    </section>
  );
}
