/**
 * A form before it is published: as the officer's phone will show it (`PhonePreview`, a lazy chunk, with
 * the rules at work as figures are typed), then its rows as a table (code, kind, limits, roll-up, rules:
 * what the phone does not show), folded away.
 */
import { lazy, Suspense, useState } from 'react';
import type { FormDefinition, FormRow } from '../../../domain/forms/definition';
import { duePeriod } from '../../../domain/period';
import { formatCount } from '../../i18n';
import type { FormsMessages } from './messages';

const PhonePreview = lazy(() => import('./PhonePreview'));

function requiredText(row: FormRow, m: FormsMessages): string {
  if (row.requiredIf !== undefined) return m.requiredIf(row.requiredIf);
  return row.required ? m.yes : m.no;
}

function limitsText(row: FormRow, m: FormsMessages): string {
  return [row.min === undefined ? '' : m.atLeast(formatCount(row.min)), row.max === undefined ? '' : m.atMost(formatCount(row.max))].filter(Boolean).join(', ');
}

function rulesText(row: FormRow, m: FormsMessages): string[] {
  const rules = row.rules.map((rule) => `${rule.severity === 'error' ? m.error : m.warning}: ${rule.operator} ${rule.other}`);
  if (row.changeWarning !== undefined) rules.push(m.changeWarning(formatCount(Math.round(row.changeWarning * 100))));
  if (row.ruleExplanation) rules.push(`“${row.ruleExplanation}”`);
  return rules;
}

export function FormPreview({ definition, m }: { definition: FormDefinition; m: FormsMessages }) {
  const c = m.previewColumns;
  // The report the phone would start now: last year's yearly one, as the officer's list proposes.
  const [period] = useState(() => duePeriod(Date.now(), []));
  return (
    <section className="card" data-testid="form-preview" data-form-code={definition.id} data-form-version={definition.version}>
      <h3 className="card-title">{m.previewTitle(definition.title, definition.version)}</h3>
      {definition.basis ? <p className="muted">{m.basis(definition.basis)}</p> : null}
      <p className="muted">{m.previewNote}</p>
      <Suspense fallback={<p className="shell-loading">{m.phoneLoading}</p>}>
        {/* A new form (or version) starts the phone afresh: nothing typed in another one carries over. */}
        <PhonePreview key={`${definition.id}/${definition.version}`} definition={definition} period={period} />
      </Suspense>
      <details className="form-preview-rows" data-testid="form-preview-rows">
        <summary>{m.rowsTable}</summary>
        <div className="staff-table-wrap">
        <table className="staff-table">
          <thead>
            <tr>
              <th scope="col">{c.number}</th>
              <th scope="col">{c.code}</th>
              <th scope="col">{c.label}</th>
              <th scope="col">{c.unit}</th>
              <th scope="col">{c.kind}</th>
              <th scope="col">{c.required}</th>
              <th scope="col">{c.limits}</th>
              <th scope="col">{c.rollUp}</th>
              <th scope="col">{c.rules}</th>
            </tr>
          </thead>
          {definition.sections.map((section, index) => (
            <tbody key={index} data-testid="form-preview-section">
              <tr>
                <th scope="rowgroup" colSpan={9}>
                  {section.title}
                  {section.kind === 'block' ? <span className="muted"> — {m.blocks[section.block]}</span> : null}
                </th>
              </tr>
              {section.kind === 'rows'
                ? section.rows.map((row) => (
                    <tr key={row.code} data-testid="form-preview-row" data-code={row.code}>
                      <td>{row.number ?? ''}</td>
                      <td>
                        <code>{row.code}</code>
                      </td>
                      <td>{row.label}</td>
                      <td>{row.unit ?? ''}</td>
                      <td>{m.kinds[row.kind]}</td>
                      <td>{requiredText(row, m)}</td>
                      <td className="num">{limitsText(row, m)}</td>
                      <td>{m.rollUp(row.rollUp)}</td>
                      <td>
                        {rulesText(row, m).map((line) => (
                          <div key={line}>{line}</div>
                        ))}
                      </td>
                    </tr>
                  ))
                : null}
            </tbody>
          ))}
        </table>
        </div>
      </details>
    </section>
  );
}
