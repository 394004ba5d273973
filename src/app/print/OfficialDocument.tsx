/**
 * The parts of an administrative document laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I draws them
 * (see print.css for sizes and margins): the header table, the title with its summary line, the
 * addressee, the body, and the recipients beside the signature, which stay on the page of the body's
 * last sentence. Shared by every printed document.
 */
import type { ReactNode } from 'react';
import type { BodyBlock, TableBlock } from './reportBody';
import { MOTTO, NATIONAL_TITLE, upper } from './officialText';
import './print.css';

export interface Letterhead {
  /** The issuer's direct superior, printed upper case, regular. Empty: the line is left out. */
  superiorName: string;
  /** The issuing body, printed upper case, bold, with a short rule under it. */
  issuerName: string;
  numberLine: string;
  placeAndDateLine: string;
}

export function OfficialDocument({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <article className="official-document" lang="vi" data-testid={testId}>
      {children}
    </article>
  );
}

export function DocumentHeader({ letterhead }: { letterhead: Letterhead }) {
  return (
    <table className="doc-header" data-testid="doc-header">
      <tbody>
        <tr>
          <td className="doc-header-issuer">
            {letterhead.superiorName.trim() ? <div className="doc-superior">{upper(letterhead.superiorName)}</div> : null}
            <div className="doc-issuer">{upper(letterhead.issuerName)}</div>
            <div className="doc-rule doc-rule-issuer" aria-hidden="true" />
          </td>
          <td className="doc-header-nation">
            <div className="doc-national-title">{NATIONAL_TITLE}</div>
            <div className="doc-motto">
              <span>{MOTTO}</span>
            </div>
          </td>
        </tr>
        <tr>
          <td className="doc-number" data-testid="doc-number">
            {letterhead.numberLine}
          </td>
          <td className="doc-place-date" data-testid="doc-date">
            {letterhead.placeAndDateLine}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export function DocumentTitle({ kind, summary }: { kind: string; summary: string }) {
  return (
    <header className="doc-title">
      <div className="doc-kind">{kind}</div>
      <div className="doc-summary">{summary}</div>
      <div className="doc-rule doc-rule-title" aria-hidden="true" />
    </header>
  );
}

export function Addressee({ name }: { name: string }) {
  return (
    <p className="doc-addressee">
      Kính gửi: <span className="doc-addressee-name">{name.trim() || '\u00a0'.repeat(30)}</span>
    </p>
  );
}

/**
 * The body, and what closes the document (`closing`: the recipients and the signature) kept on one
 * page with the body's last block, the closing sentence: a signature alone on a page is one anybody
 * could have put under another text, and the staff's summary printed its own so.
 */
export function DocumentBody({ blocks, closing }: { blocks: BodyBlock[]; closing: ReactNode }) {
  const last = Math.max(blocks.length - 1, 0);
  return (
    <section className="doc-body">
      {blocks.slice(0, last).map((block, index) => (
        <Block key={index} block={block} />
      ))}
      <div className="doc-closing" data-testid="doc-closing">
        {blocks.slice(last).map((block, index) => (
          <Block key={index} block={block} />
        ))}
        {closing}
      </div>
    </section>
  );
}

function Block({ block }: { block: BodyBlock }) {
  switch (block.kind) {
    case 'heading':
      return <h3 className="doc-heading">{block.text}</h3>;
    case 'subheading':
      return <h4 className="doc-subheading">{block.text}</h4>;
    case 'paragraph':
      return <p className="doc-paragraph">{block.text}</p>;
    case 'table':
      return <DocumentTable table={block} />;
  }
}

function DocumentTable({ table }: { table: TableBlock }) {
  const cellClass = (index: number) => {
    const column = table.columns[index];
    return `doc-cell doc-cell-w${column?.width ?? 12}${column?.numeric ? ' doc-cell-number' : ''}`;
  };
  return (
    <table className="doc-table" data-testid={table.testId}>
      <thead>
        <tr>
          {table.columns.map((column, index) => (
            <th key={index} className={`doc-cell doc-cell-w${column.width}`}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, rowIndex) =>
          table.headingRows?.includes(rowIndex) ? (
            <tr key={rowIndex} className="doc-table-heading" data-testid={`${table.testId}-heading`}>
              <td className="doc-cell" colSpan={table.columns.length}>
                {row[0]}
              </td>
            </tr>
          ) : (
          <tr key={rowIndex} data-testid={`${table.testId}-row`}>
            {row.map((cell, index) => (
              <td key={index} className={cellClass(index)}>
                {cell}
              </td>
            ))}
          </tr>
          ),
        )}
        {table.totals ? (
          <tr className="doc-table-totals">
            {table.totals.map((cell, index) => (
              <td key={index} className={cellClass(index)}>
                {cell}
              </td>
            ))}
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

export function DocumentFooter({
  recipients,
  authority,
  signerName,
}: {
  recipients: string[];
  authority: string[];
  signerName: string;
}) {
  return (
    <table className="doc-footer" data-testid="doc-footer">
      <tbody>
        <tr>
          <td className="doc-recipients">
            <div className="doc-recipients-title">Nơi nhận:</div>
            {recipients.map((line, index) => (
              <div key={index} className="doc-recipient">
                {line}
              </div>
            ))}
          </td>
          <td className="doc-signature" data-testid="doc-signature">
            {authority.map((line, index) => (
              <div key={index} className="doc-authority">
                {line}
              </div>
            ))}
            <div className="doc-signature-space" aria-hidden="true" />
            <div className="doc-signer">{signerName.trim() || '\u00a0'}</div>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
