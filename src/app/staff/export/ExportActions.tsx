/**
 * The staff's two exports of a period, beside "Tải bảng CSV": the .xlsx workbook (its writer loads on
 * the click), and the summary report as an official document (its view and font load on opening),
 * drawn over the dashboard with the letterhead asked for on screen and "In / Lưu PDF".
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { PeriodOverview } from '../../../domain/staff';
import type { Language } from '../../db';
import { csvLabels } from '../csv';
import type { StaffMessages } from '../messages';
import type { SummaryLetterhead } from '../../print/SummaryDocument';
import { useI18n } from '../../i18n';
import { downloadWorkbook, workbookLabels } from './workbook';

const SummaryDocument = lazy(() => import('../../print/SummaryDocument'));

const texts = {
  vi: {
    workbook: 'Tải bảng Excel',
    workbookFailed: 'Chưa tạo được tệp Excel. Hãy thử lại.',
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
    workbookFailed: 'The Excel file could not be made. Try again.',
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

const EMPTY_LETTERHEAD: SummaryLetterhead = {
  superiorName: '',
  issuerName: '',
  shortName: '',
  number: '',
  date: '',
  placeName: '',
  signerName: '',
  signerTitle: '',
};

export function ExportActions({
  overview,
  periodLabel,
  m,
  language,
}: {
  overview: PeriodOverview | null;
  periodLabel: string;
  m: StaffMessages;
  language: Language;
}) {
  const x = texts[language];
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [summaryOpen, setSummaryOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="download-xlsx"
        disabled={!overview || busy}
        onClick={() => {
          if (!overview) return;
          setBusy(true);
          setFailed(false);
          downloadWorkbook(overview, periodLabel, workbookLabels(csvLabels(m), t.dialogueKinds))
            .catch(() => setFailed(true))
            .finally(() => setBusy(false));
        }}
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
      {summaryOpen && overview ? <SummaryOverlay overview={overview} x={x} onClose={() => setSummaryOpen(false)} /> : null}
    </>
  );
}

function SummaryOverlay({ overview, x, onClose }: { overview: PeriodOverview; x: (typeof texts)['vi']; onClose: () => void }) {
  const [letterhead, setLetterhead] = useState<SummaryLetterhead>(EMPTY_LETTERHEAD);
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
            <div className="field" key={key}>
              <label className="field-label" htmlFor={`summary-${key}`}>
                {x.fields[key]}
              </label>
              <input
                id={`summary-${key}`}
                className="input"
                type={key === 'date' ? 'date' : 'text'}
                maxLength={200}
                data-testid={`summary-field-${key}`}
                value={letterhead[key]}
                onChange={(e) => setLetterhead({ ...letterhead, [key]: e.target.value })}
              />
            </div>
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
