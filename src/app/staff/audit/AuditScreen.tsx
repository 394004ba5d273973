/**
 * `#/staff/audit`, for admins: the audit log of their node's subtree, newest first, a page at a time
 * ("Tải thêm"); filtered by person, CĐCS, kind of action and Vietnam days; the filtered log as an
 * .xlsx workbook. The server reads only the admin's subtree (docs/api.md); this screen only draws it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AUDIT_ACTIONS, type AuditChoices, type AuditEntry, type AuditPage } from '../../../domain/audit';
import { formatCount, useI18n } from '../../i18n';
import { DateInput } from '../../ui/DateInput';
import { type AuditQuery, fetchAuditChoices, fetchAuditPage } from '../api';
import { failureText, isSessionEnded, loadWhileShown } from '../errors';
import { FailureNotice } from '../FailureNotice';
import { saveFile, sheetsToXlsx } from '../export/workbook';
import { displayName } from '../rollup';
import type { StaffContext } from '../staffContext';
import { StaffTable } from '../StaffTable';
import { type AuditLabels, auditRow, auditSheet } from './auditLog';
import { auditMessages } from './messages';
import './audit.css';

const NO_QUERY: AuditQuery = { actor: '', union: '', action: '', from: '', to: '' };
/** The export reads the whole filtered log in pages of the server's largest size. */
const EXPORT_PAGE = 200;

interface Loaded {
  /** The filters these entries answer: entries of other filters are not shown while new ones load. */
  query: AuditQuery;
  entries: AuditEntry[];
  names: AuditPage['names'];
  next: string | null;
}

function merged(query: AuditQuery, loaded: Loaded | null, page: AuditPage): Loaded {
  return {
    query,
    entries: [...(loaded?.entries ?? []), ...page.entries],
    names: { nodes: { ...loaded?.names.nodes, ...page.names.nodes }, unions: { ...loaded?.names.unions, ...page.names.unions } },
    next: page.next,
  };
}

/** One filter: "Tất cả" ('') first, then the choices. */
function FilterSelect({
  label,
  testId,
  value,
  onChange,
  everyone,
  options,
}: {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  everyone: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <label className="staff-inline-field">
      <span>{label}</span>
      <select className="input" data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{everyone}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AuditScreen({ context }: { context: StaffContext }) {
  const { m: staffMessages, me, onSessionEnded } = context;
  const { language, t } = useI18n();
  const m = auditMessages(language);
  const labels: AuditLabels = useMemo(
    () => ({ m, roles: staffMessages.roles, nodeKinds: staffMessages.nodeKinds, sectors: t.sectors, periodLabel: t.periodLabel }),
    [m, staffMessages, t],
  );
  const [query, setQuery] = useState<AuditQuery>(NO_QUERY);
  const [choices, setChoices] = useState<AuditChoices>({ people: [], unions: [] });
  const [lastLoaded, setLoaded] = useState<Loaded | null>(null);
  const loaded = lastLoaded?.query === query ? lastLoaded : null;
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [exportNote, setExportNote] = useState<string | null>(null);

  useEffect(() => loadWhileShown(fetchAuditChoices(), setChoices, { onSessionEnded, onFailure: setFailure }), [onSessionEnded]);

  // A new filter starts from the newest entry again.
  useEffect(
    () => loadWhileShown(fetchAuditPage(query, null), (page) => setLoaded(merged(query, null, page)), { onSessionEnded, onFailure: setFailure }),
    [query, onSessionEnded],
  );

  const refused = useCallback(
    (error: unknown) => {
      if (isSessionEnded(error)) onSessionEnded();
      else setFailure(error);
    },
    [onSessionEnded],
  );

  async function loadMore() {
    if (!loaded?.next) return;
    setBusy(true);
    try {
      const page = await fetchAuditPage(query, loaded.next);
      setLoaded((current) => (current?.query === query ? merged(query, current, page) : current));
    } catch (error) {
      refused(error);
    } finally {
      setBusy(false);
    }
  }

  async function exportLog() {
    setBusy(true);
    setExportNote(m.exporting);
    try {
      let all: Loaded | null = null;
      let before: string | null = null;
      do {
        const page: AuditPage = await fetchAuditPage(query, before, EXPORT_PAGE);
        all = merged(query, all, page);
        before = page.next;
      } while (before);
      const { entries, names } = all;
      const blob = await sheetsToXlsx([auditSheet(entries.map((entry) => auditRow(entry, names, labels)), m)]);
      saveFile(blob, m.fileName(query.from, query.to));
      setExportNote(null);
    } catch (error) {
      if (isSessionEnded(error)) onSessionEnded();
      else setExportNote(`${m.exportFailed} ${failureText(error, staffMessages)}`);
    } finally {
      setBusy(false);
    }
  }

  const change = (key: keyof AuditQuery) => (value: string) => setQuery((current) => ({ ...current, [key]: value }));
  const rows = loaded ? loaded.entries.map((entry) => auditRow(entry, loaded.names, labels)) : [];

  return (
    <section className="card" aria-labelledby="audit-title" data-testid="audit-screen">
      <h2 className="card-title" id="audit-title">
        {m.title}
      </h2>
      <p>{m.intro(displayName(me.node.node))}</p>
      <fieldset className="staff-toolbar audit-filters">
        <legend className="visually-hidden">{m.filters.legend}</legend>
        <FilterSelect
          label={m.filters.person}
          testId="audit-filter-person"
          value={query.actor}
          onChange={change('actor')}
          everyone={m.filters.everyone}
          options={choices.people.map((person) => ({ value: person.staffId, label: person.username }))}
        />
        <FilterSelect
          label={m.filters.union}
          testId="audit-filter-union"
          value={query.union}
          onChange={change('union')}
          everyone={m.filters.everyone}
          options={choices.unions.map((union) => ({ value: union.id, label: union.name }))}
        />
        <FilterSelect
          label={m.filters.action}
          testId="audit-filter-action"
          value={query.action}
          onChange={change('action')}
          everyone={m.filters.everyone}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: m.actions[action] }))}
        />
        <label className="staff-inline-field">
          <span>{m.filters.from}</span>
          <DateInput testId="audit-filter-from" unreadableIsEmpty value={query.from} onChange={change('from')} />
        </label>
        <label className="staff-inline-field">
          <span>{m.filters.to}</span>
          <DateInput testId="audit-filter-to" unreadableIsEmpty value={query.to} onChange={change('to')} />
        </label>
        <button type="button" className="button" data-testid="audit-filter-clear" onClick={() => setQuery(NO_QUERY)} disabled={query === NO_QUERY}>
          {m.filters.clear}
        </button>
        <button type="button" className="button" data-testid="audit-export" onClick={() => void exportLog()} disabled={busy || !loaded || loaded.entries.length === 0}>
          {m.export}
        </button>
      </fieldset>
      {exportNote ? (
        <p className="field-message" role="status" data-testid="audit-export-note">
          {exportNote}
        </p>
      ) : null}
      {failure ? (
        <FailureNotice failure={failure} m={staffMessages} />
      ) : !loaded ? (
        <p className="shell-loading">{m.loading}</p>
      ) : rows.length === 0 ? (
        <p className="empty" data-testid="audit-empty">
          {m.none}
        </p>
      ) : (
        <>
          <StaffTable columns={[m.columns.at, m.columns.who, m.columns.from, m.columns.action, m.columns.target, m.columns.change]} testId="audit-table">
            {rows.map((row, index) => (
              <tr key={row.id} data-testid="audit-entry" data-action={loaded.entries[index]?.action}>
                <td className="figure">{row.at}</td>
                <td>{row.who}</td>
                <td>{row.from}</td>
                <td>{row.action}</td>
                <td>{row.target}</td>
                <td>
                  {row.changes.map((line) => (
                    <div key={line}>{line}</div>
                  ))}
                </td>
              </tr>
            ))}
          </StaffTable>
          <p role="status" data-testid="audit-shown">
            {m.shown(formatCount(rows.length))}
          </p>
          {loaded.next ? (
            <button type="button" className="button" data-testid="audit-more" onClick={() => void loadMore()} disabled={busy}>
              {m.more}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
