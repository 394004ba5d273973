/**
 * A CĐCS's enrolled devices (name, when connected, last sync). A reviewer revokes a lost phone after a
 * question that says what follows: a revoked phone sends nothing more. Its enrolment codes are on
 * their own card (../enrolment/EnrolmentCodesCard).
 */
import { useCallback, useEffect, useState } from 'react';
import type { UnionDevice } from '../../../domain/staff';
import { formatDateTime, useI18n } from '../../i18n';
import { ConfirmAction } from '../../ui/ConfirmAction';
import { fetchUnionDevices, revokeDevice } from '../api';
import { failureText, isSessionEnded, loadWhileShown } from '../errors';
import { FailureNotice } from '../FailureNotice';
import { may } from '../permissions';
import type { StaffContext } from '../staffContext';
import { StaffTable } from '../StaffTable';
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
  // Revoking needs the role that issues codes (reviewer); a viewer only reads.
  const canManage = may(place, 'issueCode');
  const [devices, setDevices] = useState<UnionDevice[] | null>(null);
  const [loadFailure, setLoadFailure] = useState<unknown>(null);
  const [deviceNote, setDeviceNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);

  const refused = useCallback(
    (error: unknown, setNote: (note: Note) => void) => {
      if (isSessionEnded(error)) onSessionEnded();
      else setNote({ text: failureText(error, staffMessages), kind: 'error' });
    },
    [onSessionEnded, staffMessages],
  );

  useEffect(
    () => loadWhileShown(fetchUnionDevices(unionId), setDevices, { onSessionEnded, onFailure: setLoadFailure }),
    [unionId, onSessionEnded],
  );

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

  if (loadFailure)
    return <FailureNotice failure={loadFailure} m={staffMessages} />;
  if (!devices) return <p className="shell-loading">{m.loading}</p>;

  return (
    <section className="card" aria-labelledby="union-devices-title">
      <h3 className="card-title" id="union-devices-title">
        {m.devicesTitle}
      </h3>
      {devices.length === 0 ? (
        <p className="empty">{m.devicesNone}</p>
      ) : (
        <StaffTable columns={[m.columns.name, m.columns.enrolledAt, m.columns.lastSeenAt, m.columns.state]} testId="union-devices">
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
        </StaffTable>
      )}
      <NoteLine note={deviceNote} testId="device-message" />
    </section>
  );
}
