/**
 * Enrolment: server address (this app's own address by default), the district's code, a name for
 * the device. On success the token is kept and every report already on the phone is pushed.
 * Loaded lazily: an officer sees it once.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { enrol, enrolmentDetails, type EnrolResult } from '../../sync';
import { enrolMessages } from './messages';
import { QrScanButton } from './QrScanButton';
import { useEnrolmentLink } from './useEnrolmentLink';
import '../sync/sync.css';
import './enrol.css';

export interface EnrolScreenProps {
  /** Where "back to the reports" goes (a hash link). */
  backHref?: string;
}

export default function EnrolScreen({ backHref = '#/' }: EnrolScreenProps) {
  const { language } = useI18n();
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

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    try {
      setResult(await enrol({ serverUrl, code, deviceName }));
    } finally {
      setSubmitting(false);
    }
  };

  if (result?.ok) {
    return (
      <section className="enrol" data-testid="enrol-done">
        <h2>{m.title}</h2>
        <p role="status" className="enrol-success">
          {m.enrolledAs(result.response.union.name)}
        </p>
        <a className="sync-button sync-button-primary" href={backHref}>
          {m.back}
        </a>
      </section>
    );
  }

  const failure = result && !result.ok ? result : null;
  return (
    <section className="enrol">
      <h2>{m.title}</h2>
      <p>{m.intro}</p>
      {enrolledServer ? <p className="enrol-info">{m.alreadyEnrolled(enrolledServer)}</p> : null}
      <QrScanButton
        onScanned={(values) => {
          if (values.serverUrl) setServerUrl(values.serverUrl);
          if (values.code) setCode(values.code);
        }}
      />
      <form onSubmit={(event) => void submit(event)} noValidate>
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
          {submitting ? m.submitting : m.submit}
        </button>
      </form>
    </section>
  );
}
