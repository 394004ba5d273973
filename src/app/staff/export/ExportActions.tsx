/**
 * The staff's exports of a period: "Tải bảng CSV", the .xlsx workbook (its writer loads on
 * the click), and the summary report as an official document (its view and font load on opening),
 * drawn over the dashboard with the letterhead asked for on screen (starting from the node's names)
 * and "In / Lưu PDF".
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { NodeSummary } from '../../../domain/organisation';
import type { ReportPeriod } from '../../../domain/period';
import type { NodeOverview, UnionOverview } from '../../../domain/staff';
import { fetchSubtreeOverview } from '../api';
import type { Language } from '../../i18n';
import { buildOverviewCsv, csvFileName, csvLabels, type CsvLabels } from '../csv';
import type { StaffMessages } from '../messages';
import type { SummaryLetterhead } from '../../print/SummaryDocument';
import { summaryLetterheadOf } from '../../print/summaryLetterhead';
import { useI18n } from '../../i18n';
import { DateInput } from '../../ui/DateInput';
import { FieldRow } from '../../ui/FieldRow';
import { downloadWorkbook, saveFile, workbookLabels, type WorkbookContent } from './workbook';

const SummaryDocument = lazy(() => import('../../print/SummaryDocument'));

const texts = {
  vi: {
    workbook: 'Tải bảng Excel',
    workbookFailed: 'Chưa tạo được tệp. Hãy thử lại.',
    scopeAll: (node: string) => `Tất cả CĐCS thuộc ${node}`,
    scopeFiltered: (count: number, node: string) => `Chỉ ${count} CĐCS thuộc ${node} theo bộ lọc đang chọn; các số tổng chỉ tính các CĐCS này`,
    summary: 'Báo cáo tổng hợp (xem và in)',
    close: 'Đóng',
    print: 'In / Lưu PDF',
    loading: 'Đang mở…',
    intro: 'Các mục này in ở đầu và cuối văn bản; ô để trống in thành chỗ trống để điền tay.',
    fields: {
      superiorName: 'Tên công đoàn cấp trên',
      issuerName: 'Tên đơn vị ban hành',
      shortName: 'Chữ viết tắt (trong ký hiệu)',
      number: 'Số văn bản',
      date: 'Ngày ký',
      placeName: 'Địa danh',
      signerName: 'Họ và tên người ký',
      signerTitle: 'Chức vụ người ký',
    } satisfies Record<keyof SummaryLetterhead, string>,
  },
  en: {
    workbook: 'Download Excel workbook',
    workbookFailed: 'The file could not be made. Try again.',
    scopeAll: (node: string) => `Every grassroots union under ${node}`,
    scopeFiltered: (count: number, node: string) => `Only the ${count} grassroots unions under ${node} the filters keep; the totals count only these`,
    summary: 'Summary report (preview and print)',
    close: 'Close',
    print: 'Print / Save as PDF',
    loading: 'Opening…',
    intro: 'These print at the top and bottom of the document; an empty one prints as a blank to fill by hand.',
    fields: {
      superiorName: 'Superior union',
      issuerName: 'Issuing union',
      shortName: 'Short name (in the symbol)',
      number: 'Document number',
      date: 'Date of signature',
      placeName: 'Place name',
      signerName: 'Signer’s full name',
      signerTitle: 'Signer’s title',
    } satisfies Record<keyof SummaryLetterhead, string>,
  },
};

export function ExportActions({
  overview,
  ancestors,
  period,
  periodLabel,
  m,
  language,
  select,
  filtered,
}: {
  overview: NodeOverview | null;
  /** The node's way up (root first): the summary's letterhead starts from their names. */
  ancestors: readonly NodeSummary[];
  period: ReportPeriod;
  periodLabel: string;
  m: StaffMessages;
  language: Language;
  /** The table's filters, search and order, applied to the subtree's lines. */
  select: (lines: readonly UnionOverview[]) => UnionOverview[];
  /** Whether `select` keeps only some lines: the totals then say so. */
  filtered: boolean;
}) {
  const x = texts[language];
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [summaryOpen, setSummaryOpen] = useState(false);
  /**
   * Both files list every CĐCS of the node's subtree (a province's too, not its roll-up by child) with
   * every figure of their reports: the server's `scope=subtree` lines, fetched on the click.
   */
  const exportFile = (write: (content: WorkbookContent, labels: CsvLabels) => Promise<void> | void) => {
    if (!overview) return;
    setBusy(true);
    setFailed(false);
    fetchSubtreeOverview(overview.node.id, period.year, period.kind)
      .then((subtree) => {
        const unions = select(subtree.unions);
        const scope = filtered ? x.scopeFiltered(unions.length, overview.node.name) : x.scopeAll(overview.node.name);
        return write({ unions, filtered, scope }, csvLabels(m, t));
      })
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="download-csv"
        disabled={!overview || busy}
        onClick={() => exportFile(({ unions, filtered: isFiltered }, labels) => saveFile(new Blob([buildOverviewCsv(unions, labels, isFiltered)], { type: 'text/csv;charset=utf-8' }), csvFileName(period.year, period.kind)))}
      >
        {m.overview.download}
      </button>
      <button
        type="button"
        className="button"
        data-testid="download-xlsx"
        disabled={!overview || busy}
        onClick={() => exportFile((content, labels) => downloadWorkbook(content, period, periodLabel, workbookLabels(labels, t.dialogueKinds)))}
      >
        {x.workbook}
      </button>
      <button type="button" className="button" data-testid="open-summary" disabled={!overview} onClick={() => setSummaryOpen(true)}>
        {x.summary}
      </button>
      {failed ? (
        <p className="field-message field-message-error" role="alert">
          {x.workbookFailed}
        </p>
      ) : null}
      {summaryOpen && overview ? <SummaryOverlay overview={overview} ancestors={ancestors} x={x} onClose={() => setSummaryOpen(false)} /> : null}
    </>
  );
}

function SummaryOverlay({
  overview,
  ancestors,
  x,
  onClose,
}: {
  overview: NodeOverview;
  ancestors: readonly NodeSummary[];
  x: (typeof texts)['vi'];
  onClose: () => void;
}) {
  const [letterhead, setLetterhead] = useState<SummaryLetterhead>(() => summaryLetterheadOf(overview.node, ancestors));
  useEffect(() => {
    document.body.classList.add('printing-document');
    return () => document.body.classList.remove('printing-document');
  }, []);
  return createPortal(
    // A dialog over the dashboard: its own landmark, named for screen readers.
    <div className="print-portal print-screen" data-testid="summary-overlay" role="dialog" aria-modal="true" aria-label={x.summary}>
      <div className="print-controls screen-only">
        <div className="card">
          <p className="muted">{x.intro}</p>
          {(Object.keys(x.fields) as (keyof SummaryLetterhead)[]).map((key) => (
            <FieldRow key={key} id={`summary-${key}`} label={x.fields[key]}>
              {key === 'date' ? (
                <DateInput id={`summary-${key}`} testId={`summary-field-${key}`} unreadableIsEmpty value={letterhead.date} onChange={(date) => setLetterhead({ ...letterhead, date })} />
              ) : (
                <input
                  id={`summary-${key}`}
                  className="input"
                  type="text"
                  maxLength={200}
                  data-testid={`summary-field-${key}`}
                  value={letterhead[key]}
                  onChange={(e) => setLetterhead({ ...letterhead, [key]: e.target.value })}
                />
              )}
            </FieldRow>
          ))}
          <div className="button-row">
            <button type="button" className="button button-primary" data-testid="summary-print" onClick={() => window.print()}>
              {x.print}
            </button>
            <button type="button" className="button" data-testid="summary-close" onClick={onClose}>
              {x.close}
            </button>
          </div>
        </div>
      </div>
      <Suspense fallback={<p className="shell-loading">{x.loading}</p>}>
        <SummaryDocument overview={overview} letterhead={letterhead} />
      </Suspense>
    </div>,
    document.body,
  );
}
