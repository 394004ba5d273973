/**
 * A CĐCS's enrolled devices (name, when connected, last sync) and the enrolment codes issued for it
 * that can still enrol one (expiry, uses left; never the code, which the server keeps only hashed).
 * A reviewer revokes a lost phone or withdraws a code handed out by mistake, each after a question that
 * says what follows: a revoked phone sends nothing more, a withdrawn code enrols nothing more.
 */
import { useCallback, useEffect, useState } from 'react';
import type { UnionDevice, UnionEnrolmentCode } from '../../../domain/staff';
import { formatDate, formatDateTime, useI18n } from '../../i18n';
import { ConfirmAction } from '../../ui/ConfirmAction';
import { fetchEnrolmentCodes, fetchUnionDevices, revokeDevice, withdrawEnrolmentCode } from '../api';
import { failureText, isSessionEnded } from '../errors';
import { may } from '../permissions';
import type { StaffContext } from '../StaffApp';
import { deviceMessages } from './messages';

type Note = { text: string; kind: 'ok' | 'error' } | null;

function NoteLine({ note, testId }: { note: Note; testId: string }) {
  if (!note) return null;
  return (
    <p
      className={`field-message ${note.kind === 'ok' ? 'field-message-ok' : 'field-message-error'}`}
      role={note.kind === 'ok' ? 'status' : 'alert'}
      data-testid={testId}
      data-kind={note.kind}
    >
      {note.text}
    </p>
  );
}

export function DevicesPanel({ context, unionId }: { context: StaffContext; unionId: string }) {
  const { m: staffMessages, onSessionEnded, place } = context;
  const { language } = useI18n();
  const m = deviceMessages(language);
  // Revoking and withdrawing need the role that issues codes (reviewer); a viewer only reads.
  const canManage = may(place, 'issueCode');
  const [devices, setDevices] = useState<UnionDevice[] | null>(null);
  const [codes, setCodes] = useState<UnionEnrolmentCode[] | null>(null);
  const [loadFailure, setLoadFailure] = useState<unknown>(null);
  const [deviceNote, setDeviceNote] = useState<Note>(null);
  const [codeNote, setCodeNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);

  const refused = useCallback(
    (error: unknown, setNote: (note: Note) => void) => {
      if (isSessionEnded(error)) onSessionEnded();
      else setNote({ text: failureText(error, staffMessages), kind: 'error' });
    },
    [onSessionEnded, staffMessages],
  );

  useEffect(() => {
    let live = true;
    Promise.all([fetchUnionDevices(unionId), fetchEnrolmentCodes(unionId)]).then(
      ([loadedDevices, loadedCodes]) => {
        if (!live) return;
        setDevices(loadedDevices);
        setCodes(loadedCodes);
      },
      (error: unknown) => {
        if (!live) return;
        if (isSessionEnded(error)) onSessionEnded();
        else setLoadFailure(error);
      },
    );
    return () => {
      live = false;
    };
  }, [unionId, onSessionEnded]);

  async function revoke(device: UnionDevice) {
    setBusy(true);
    setDeviceNote(null);
    try {
      const revoked = await revokeDevice(device.id);
      setDevices((current) => (current ?? []).map((entry) => (entry.id === revoked.id ? revoked : entry)));
      setDeviceNote({ text: m.revoked(device.name), kind: 'ok' });
    } catch (error) {
      refused(error, setDeviceNote);
    } finally {
      setBusy(false);
    }
  }

  async function withdraw(code: UnionEnrolmentCode) {
    setBusy(true);
    setCodeNote(null);
    try {
      await withdrawEnrolmentCode(code.id);
      setCodes((current) => (current ?? []).filter((entry) => entry.id !== code.id));
      setCodeNote({ text: m.withdrawn, kind: 'ok' });
    } catch (error) {
      refused(error, setCodeNote);
    } finally {
      setBusy(false);
    }
  }

  if (loadFailure)
    return (
      <p className="notice notice-error" role="alert">
        {failureText(loadFailure, staffMessages)}
      </p>
    );
  if (!devices || !codes) return <p className="shell-loading">{m.loading}</p>;

  return (
    <>
      <section className="card" aria-labelledby="union-devices-title">
        <h3 className="card-title" id="union-devices-title">
          {m.devicesTitle}
        </h3>
        {devices.length === 0 ? (
          <p className="empty">{m.devicesNone}</p>
        ) : (
          <div className="staff-table-wrap">
            <table className="staff-table" data-testid="union-devices">
              <thead>
                <tr>
                  <th scope="col">{m.columns.name}</th>
                  <th scope="col">{m.columns.enrolledAt}</th>
                  <th scope="col">{m.columns.lastSeenAt}</th>
                  <th scope="col">{m.columns.state}</th>
                </tr>
              </thead>
              <tbody>
                {devices.map((device) => (
                  <tr key={device.id} data-testid="union-device" data-device-id={device.id} data-revoked={device.revokedAt ? 'true' : 'false'}>
                    <td>{device.name}</td>
                    <td className="figure">{formatDateTime(device.createdAt)}</td>
                    <td className="figure">{device.lastSeenAt ? formatDateTime(device.lastSeenAt) : m.neverSeen}</td>
                    <td data-testid="device-state">
                      {device.revokedAt ? (
                        m.revokedAt(formatDateTime(device.revokedAt))
                      ) : canManage ? (
                        <ConfirmAction
                          label={m.revoke}
                          question={m.revokeConfirm(device.name)}
                          confirmLabel={m.revokeYes}
                          cancelLabel={m.cancel}
                          onConfirm={() => revoke(device)}
                          testId="device-revoke"
                          disabled={busy}
                        />
                      ) : (
                        m.active
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <NoteLine note={deviceNote} testId="device-message" />
      </section>

      <section className="card" aria-labelledby="union-codes-title">
        <h3 className="card-title" id="union-codes-title">
          {m.codesTitle}
        </h3>
        <p className="field-hint">{m.codesHint}</p>
        {codes.length === 0 ? (
          <p className="empty" data-testid="union-codes-none">
            {m.codesNone}
          </p>
        ) : (
          <div className="staff-table-wrap">
            <table className="staff-table" data-testid="union-codes">
              <thead>
                <tr>
                  <th scope="col">{m.codeColumns.issuedAt}</th>
                  <th scope="col">{m.codeColumns.expiresAt}</th>
                  <th scope="col">{m.codeColumns.usesLeft}</th>
                  {canManage ? <th scope="col">{m.withdraw}</th> : null}
                </tr>
              </thead>
              <tbody>
                {codes.map((code) => (
                  <tr key={code.id} data-testid="union-code" data-code-id={code.id}>
                    <td className="figure">{formatDateTime(code.createdAt)}</td>
                    <td className="figure">{formatDateTime(code.expiresAt)}</td>
                    <td className="figure">{m.usesLeft(code.usesLeft, code.maxUses)}</td>
                    {canManage ? (
                      <td>
                        <ConfirmAction
                          label={m.withdraw}
                          question={m.withdrawConfirm(formatDate(code.expiresAt))}
                          confirmLabel={m.withdrawYes}
                          cancelLabel={m.cancel}
                          onConfirm={() => withdraw(code)}
                          testId="code-withdraw"
                          disabled={busy}
                        />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <NoteLine note={codeNote} testId="code-message" />
      </section>
    </>
  );
}
