/** The member's open sessions (Vietnam time), each but this one with "Kết thúc". */
import { useState } from 'react';
import type { StaffSessionInfo } from '../../../domain/staff';
import { formatDateTime } from '../../i18n/format';
import { endOwnSession } from '../api';
import type { StaffMessages } from '../messages';
import type { AccountMessages } from './messages';
import { accountRefusal } from './refusals';

/** "Chrome trên Windows": enough to tell one's own browsers apart. */
export function browserName(userAgent: string | null, unknown: string): string {
  if (!userAgent) return unknown;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /(OPR|Opera)\//.test(userAgent)
      ? 'Opera'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /(Chrome|Chromium)\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : null;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return [browser, system].filter(Boolean).join(' · ') || unknown;
}

export function SessionsList({ a, m, sessions, onChanged }: { a: AccountMessages; m: StaffMessages; sessions: StaffSessionInfo[]; onChanged: () => void }) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function end(sessionId: string) {
    setBusy(true);
    setRefusal(null);
    try {
      await endOwnSession(sessionId);
      onChanged();
    } catch (error) {
      setRefusal(accountRefusal(error, a, m).text);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <table className="table account-sessions" data-testid="account-sessions">
        <thead>
          <tr>
            <th scope="col">{a.sessions.browser}</th>
            <th scope="col">{a.sessions.address}</th>
            <th scope="col">{a.sessions.created}</th>
            <th scope="col">{a.sessions.lastSeen}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id} data-current={session.current}>
              <td>{browserName(session.userAgent, a.sessions.unknown)}</td>
              <td>{session.address ?? a.sessions.unknown}</td>
              <td>{formatDateTime(session.createdAt)}</td>
              <td>{formatDateTime(session.lastSeenAt)}</td>
              <td>
                {session.current ? (
                  <strong>{a.sessions.current}</strong>
                ) : (
                  <button type="button" className="button button-small" disabled={busy} onClick={() => void end(session.id)} data-testid="end-session">
                    {a.sessions.end}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {refusal ? (
        <p className="field-message field-message-error" role="alert">
          {refusal}
        </p>
      ) : null}
    </>
  );
}
