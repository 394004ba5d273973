/**
 * Two-step sign-in: set up (the QR code and the key for any authenticator app, then a code to confirm),
 * the recovery codes shown once to print or copy, and turning it off with the password and a code.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { StaffSecurity, TotpSetup } from '../../../domain/staff';
import { FieldRow } from '../../ui/FieldRow';
import { confirmTotp, disableTotp, setUpTotp } from '../api';
import { qrPicture, type QrPicture } from '../enrolment/qrCode';
import type { StaffMessages } from '../messages';
import type { AccountMessages } from './messages';
import { accountRefusal } from './refusals';

function QrCode({ uri, label }: { uri: string; label: string }) {
  const [drawn, setDrawn] = useState<{ uri: string; picture: QrPicture } | null>(null);
  useEffect(() => {
    let live = true;
    void qrPicture(uri).then((picture) => live && setDrawn({ uri, picture }));
    return () => {
      live = false;
    };
  }, [uri]);
  const picture = drawn?.uri === uri ? drawn.picture : null;
  if (!picture) return null;
  return (
    <svg className="account-qr" data-testid="totp-qr" viewBox={`0 0 ${picture.size} ${picture.size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={picture.size} height={picture.size} fill="#fff" />
      <path d={picture.path} fill="#000" />
    </svg>
  );
}

/** `JBSW Y3DP …`: the key in groups of four, easier to type into a phone. */
function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

export function RecoveryCodes({ a, codes, onDone }: { a: AccountMessages; codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="account-recovery" data-testid="recovery-codes">
      <h5>{a.totp.recoveryTitle}</h5>
      <p className="muted">{a.totp.recoveryIntro}</p>
      <ol className="account-recovery-list">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="account-actions">
        <button type="button" className="button" onClick={() => window.print()}>
          {a.totp.print}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void navigator.clipboard?.writeText(codes.join('\n')).then(() => setCopied(true), () => setCopied(false))}
        >
          {a.totp.copy}
        </button>
        {copied ? <span role="status">{a.totp.copied}</span> : null}
        <button type="button" className="button button-primary" onClick={onDone} data-testid="recovery-codes-kept">
          {a.totp.done}
        </button>
      </div>
    </div>
  );
}

/** The setup: a new key, then the first code from the app turns it on and brings the recovery codes. */
export function TotpSetupForm({ a, m, onEnabled }: { a: AccountMessages; m: StaffMessages; onEnabled: (recoveryCodes: string[]) => void }) {
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  async function start() {
    setBusy(true);
    setRefusal(null);
    try {
      setSetup(await setUpTotp());
    } catch (error) {
      setRefusal(accountRefusal(error, a, m).text);
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      onEnabled(await confirmTotp(code.trim()));
    } catch (error) {
      setRefusal(accountRefusal(error, a, m).text);
      setBusy(false);
    }
  }

  if (!setup)
    return (
      <div>
        {refusal ? (
          <p className="field-message field-message-error" role="alert">
            {refusal}
          </p>
        ) : null}
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void start()} data-testid="totp-start">
          {a.totp.start}
        </button>
      </div>
    );
  return (
    <form onSubmit={(event) => void confirm(event)} noValidate data-testid="totp-setup">
      <p>{a.totp.scan}</p>
      <QrCode uri={setup.uri} label={a.totp.qrLabel} />
      <p>
        {a.totp.secret}: <code data-testid="totp-secret" data-secret={setup.secret}>{groupedSecret(setup.secret)}</code>
      </p>
      <FieldRow id="totp-setup-code" label={a.totp.code} messages={refusal ? [{ kind: 'error', text: refusal }] : []}>
        <input id="totp-setup-code" className="input" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
      </FieldRow>
      <button type="submit" className="button button-primary" disabled={busy} data-testid="totp-confirm">
        {a.totp.confirm}
      </button>
    </form>
  );
}

export function TotpPanel({ a, m, security, onChanged }: { a: AccountMessages; m: StaffMessages; security: StaffSecurity; onChanged: () => void }) {
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ field: string | null; text: string } | null>(null);

  async function turnOff(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      await disableTotp(password, code.trim());
      setPassword('');
      setCode('');
      onChanged();
    } catch (error) {
      setRefusal(accountRefusal(error, a, m));
    } finally {
      setBusy(false);
    }
  }

  if (recoveryCodes)
    return (
      <RecoveryCodes
        a={a}
        codes={recoveryCodes}
        onDone={() => {
          setRecoveryCodes(null);
          onChanged();
        }}
      />
    );
  if (!security.totpEnabled)
    return (
      <div data-testid="totp-off">
        <p>{security.totpRequired ? a.totp.required : a.totp.off}</p>
        <TotpSetupForm a={a} m={m} onEnabled={setRecoveryCodes} />
      </div>
    );
  return (
    <div data-testid="totp-on">
      <p>
        {a.totp.on} {a.totp.recoveryLeft(security.recoveryCodesLeft)}
      </p>
      <form onSubmit={(event) => void turnOff(event)} noValidate>
        <h5>{a.totp.disableTitle}</h5>
        <FieldRow id="totp-off-password" label={a.totp.disablePassword} messages={refusal?.field === 'password' ? [{ kind: 'error', text: refusal.text }] : []}>
          <input id="totp-off-password" type="password" className="input" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </FieldRow>
        <FieldRow id="totp-off-code" label={a.totp.disableCode} messages={refusal && refusal.field !== 'password' ? [{ kind: 'error', text: refusal.text }] : []}>
          <input id="totp-off-code" className="input" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
        </FieldRow>
        <button type="submit" className="button" disabled={busy} data-testid="totp-disable">
          {a.totp.disable}
        </button>
      </form>
    </div>
  );
}
