/**
 * A CĐCS's enrolment codes on its staff page: the codes that can still enrol a phone (the code's end,
 * when and by whom it was issued, its expiry in Vietnam time, the phones it may still enrol), each
 * withdrawn after a question that says what follows; and for a reviewer, a new code for as many phones
 * and days as asked, shown once with its printable card. A code issued here is shown in full in the
 * list until the page closes; any other only by its last characters, as the server keeps it.
 */
import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { ENROLMENT_CODE_HINT_LENGTH, ENROLMENT_CODE_LIMITS, type IssuedEnrolmentCode, type UnionEnrolmentCode } from '../../../domain/staff';
import { formatDateTime, useI18n } from '../../i18n';
import { ConfirmAction } from '../../ui/ConfirmAction';
import { fetchEnrolmentCodes, issueEnrolmentCode, withdrawEnrolmentCode } from '../api';
import { groupEnrolmentCode, maskedEnrolmentCode, parseCodeOption } from '../enrolmentCode';
import { failureText, isSessionEnded, loadWhileShown } from '../errors';
import { may } from '../permissions';
import type { StaffContext } from '../staffContext';
import { codesMessages } from './codesMessages';
import { EnrolmentCard } from './EnrolmentCard';
import './enrolment.css';

type Note = { text: string; kind: 'ok' | 'error' } | null;

const { maxUses: PHONES, validDays: DAYS } = ENROLMENT_CODE_LIMITS;

export interface EnrolmentCodesCardProps {
  context: StaffContext;
  union: { id: string; name: string };
  /** The union's direct superior, printed on the card. */
  superiorName?: string;
  /** Opened from "Cấp mã đăng ký" on the node page: brought into view, its first field focused. */
  focus?: boolean;
}

export function EnrolmentCodesCard({ context, union, superiorName, focus = false }: EnrolmentCodesCardProps) {
  const { m: staffMessages, me, onSessionEnded, place } = context;
  const { language } = useI18n();
  const m = codesMessages(language);
  const canManage = may(place, 'issueCode');
  const [codes, setCodes] = useState<UnionEnrolmentCode[] | null>(null);
  const [loadFailure, setLoadFailure] = useState<unknown>(null);
  // The codes issued on this page, in full: the server never shows them again.
  const [issuedHere, setIssuedHere] = useState<ReadonlyMap<string, string>>(new Map());
  const [card, setCard] = useState<IssuedEnrolmentCode | null>(null);
  const [form, setForm] = useState({ phones: String(PHONES.default), days: String(DAYS.default) });
  const [invalid, setInvalid] = useState<{ phones?: string; days?: string }>({});
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const section = useRef<HTMLElement>(null);
  const firstField = useRef<HTMLInputElement>(null);

  useEffect(
    () => loadWhileShown(fetchEnrolmentCodes(union.id), setCodes, { onSessionEnded, onFailure: setLoadFailure }),
    [union.id, onSessionEnded],
  );

  const loaded = codes !== null;
  useEffect(() => {
    if (!focus || !loaded) return;
    section.current?.scrollIntoView({ block: 'start' });
    firstField.current?.focus({ preventScroll: true });
  }, [focus, loaded]);

  const refused = (error: unknown) => {
    if (isSessionEnded(error)) onSessionEnded();
    else setNote({ text: failureText(error, staffMessages), kind: 'error' });
  };

  async function issue(event: FormEvent) {
    event.preventDefault();
    const maxUses = parseCodeOption(form.phones, PHONES);
    const validDays = parseCodeOption(form.days, DAYS);
    setInvalid({
      ...(maxUses === null ? { phones: m.phonesInvalid(PHONES.min, PHONES.max) } : {}),
      ...(validDays === null ? { days: m.daysInvalid(DAYS.min, DAYS.max) } : {}),
    });
    if (maxUses === null || validDays === null) return;
    setBusy(true);
    setNote(null);
    try {
      const issued = await issueEnrolmentCode(union.id, { maxUses, validDays });
      const code = groupEnrolmentCode(issued.code);
      setIssuedHere((current) => new Map(current).set(issued.id, code));
      setCard(issued);
      // Listed at once as the server lists it (newest first), issued by the one signed in.
      const listed: UnionEnrolmentCode = {
        id: issued.id,
        unionId: issued.unionId,
        createdAt: issued.createdAt,
        expiresAt: issued.expiresAt,
        maxUses: issued.maxUses,
        usesLeft: issued.maxUses,
        codeHint: code.slice(-ENROLMENT_CODE_HINT_LENGTH),
        issuedBy: { id: me.staff.id, username: me.staff.username },
      };
      setCodes((current) => [listed, ...(current ?? [])]);
      setNote({ text: m.issued(issued.maxUses, formatDateTime(issued.expiresAt)), kind: 'ok' });
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  }

  async function withdraw(code: UnionEnrolmentCode, shown: string) {
    setBusy(true);
    setNote(null);
    try {
      await withdrawEnrolmentCode(code.id);
      setCodes((current) => (current ?? []).filter((entry) => entry.id !== code.id));
      if (card?.id === code.id) setCard(null);
      setNote({ text: m.withdrawn(shown), kind: 'ok' });
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  }

  const issuer = (code: UnionEnrolmentCode) => (code.issuedBy === null ? m.issuerUnknown : code.issuedBy.id === null ? m.byCommandLine : code.issuedBy.username);

  return (
    <section className="card staff-codes" aria-labelledby="union-codes-title" data-testid="enrolment-codes" ref={section}>
      <h3 className="card-title" id="union-codes-title">
        {m.title}
      </h3>
      <p className="field-hint">{m.intro}</p>

      {canManage ? (
        <form className="staff-code-form" onSubmit={(event) => void issue(event)} noValidate data-testid="code-issue-form">
          <h4 className="staff-code-form-title">{m.issueTitle}</h4>
          <div className="staff-code-options">
            <CodeOption
              id="code-phones"
              label={m.phones}
              hint={m.phonesHint(PHONES.min, PHONES.max)}
              error={invalid.phones}
              value={form.phones}
              onChange={(phones) => setForm({ ...form, phones })}
              inputRef={firstField}
            />
            <CodeOption
              id="code-days"
              label={m.days}
              hint={m.daysHint(DAYS.min, DAYS.max)}
              error={invalid.days}
              value={form.days}
              onChange={(days) => setForm({ ...form, days })}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="code-issue">
            {busy ? m.issuing : m.issue}
          </button>
        </form>
      ) : (
        <p className="muted">{m.viewerNote}</p>
      )}

      {note ? (
        <p
          className={`field-message ${note.kind === 'ok' ? 'field-message-ok' : 'field-message-error'}`}
          role={note.kind === 'ok' ? 'status' : 'alert'}
          data-testid="code-message"
          data-kind={note.kind}
        >
          {note.text}
        </p>
      ) : null}
      {card ? <EnrolmentCard unionName={union.name} {...(superiorName ? { superiorName } : {})} issued={card} /> : null}

      <h4 className="staff-code-form-title">{m.listTitle}</h4>
      {loadFailure ? (
        <p className="notice notice-error" role="alert">
          {failureText(loadFailure, staffMessages)}
        </p>
      ) : codes === null ? (
        <p className="shell-loading">{m.loading}</p>
      ) : codes.length === 0 ? (
        <p className="empty" data-testid="union-codes-none">
          {m.none}
        </p>
      ) : (
        <div className="staff-table-wrap">
          <table className="staff-table" data-testid="union-codes">
            <thead>
              <tr>
                <th scope="col">{m.columns.code}</th>
                <th scope="col">{m.columns.issuedAt}</th>
                <th scope="col">{m.columns.issuedBy}</th>
                <th scope="col">{m.columns.expiresAt}</th>
                <th scope="col">{m.columns.usesLeft}</th>
                {canManage ? (
                  <th scope="col">
                    <span className="visually-hidden">{m.columns.actions}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {codes.map((code) => {
                const full = issuedHere.get(code.id);
                const shown = full ?? maskedEnrolmentCode(code.codeHint);
                const expires = formatDateTime(code.expiresAt);
                return (
                  <tr key={code.id} data-testid="union-code" data-code-id={code.id} data-shown={full ? 'full' : 'masked'}>
                    <td className="staff-code-cell">
                      <span
                        className="figure enrolment-code-text"
                        data-testid="union-code-value"
                        {...(full ? {} : { 'aria-label': code.codeHint ? m.maskedLabel(code.codeHint) : m.maskUnknown })}
                      >
                        {shown}
                      </span>
                      {full ? <span className="muted"> ({m.justIssued})</span> : null}
                    </td>
                    <td className="figure" data-testid="union-code-issued-at">
                      {formatDateTime(code.createdAt)}
                    </td>
                    <td data-testid="union-code-issued-by">{issuer(code)}</td>
                    <td className="figure" data-testid="union-code-expires">
                      {expires}
                    </td>
                    <td className="figure" data-testid="union-code-uses">
                      {m.usesLeft(code.usesLeft, code.maxUses)}
                    </td>
                    {canManage ? (
                      <td>
                        <ConfirmAction
                          label={m.withdraw}
                          question={m.withdrawConfirm(shown, expires)}
                          confirmLabel={m.withdrawYes}
                          cancelLabel={m.cancel}
                          onConfirm={() => withdraw(code, shown)}
                          testId="code-withdraw"
                          disabled={busy}
                        />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CodeOption({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  inputRef,
}: {
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <div className={`field${error ? ' field-has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        ref={inputRef}
        className="input input-count"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        data-testid={id}
        onChange={(event) => onChange(event.target.value)}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error ? (
        <p className="field-message field-message-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
