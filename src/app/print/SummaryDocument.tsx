/**
 * The superior's summary report of a period as an official document, in the same layout as the
 * officer's report. The staff screen supplies the letterhead it asked for on screen (never guessed).
 */
import { useEffect, useMemo, useState } from 'react';
import type { PeriodOverview } from '../../domain/staff';
import { loadDocumentFonts } from './fonts';
import { Addressee, DocumentBody, DocumentFooter, DocumentHeader, DocumentTitle, OfficialDocument } from './OfficialDocument';
import { numberLine, placeAndDateLine, recipientLines } from './officialText';
import { summaryBody } from './summaryBody';

export interface SummaryLetterhead {
  superiorName: string;
  issuerName: string;
  shortName: string;
  number: string;
  /** ISO date, or '' */
  date: string;
  placeName: string;
  signerName: string;
  signerTitle: string;
}

export function summaryTitle(overview: PeriodOverview): string {
  return overview.period.kind === 'yearly'
    ? `Tổng hợp kết quả báo cáo của các công đoàn cơ sở năm ${overview.period.year}`
    : `Tổng hợp kết quả báo cáo của các công đoàn cơ sở kỳ ${overview.period.year}`;
}

export function SummaryDocument({ overview, letterhead }: { overview: PeriodOverview; letterhead: SummaryLetterhead }) {
  const [fontsReady, setFontsReady] = useState(false);
  useEffect(() => {
    let live = true;
    void loadDocumentFonts().then(() => live && setFontsReady(true));
    return () => {
      live = false;
    };
  }, []);
  const blocks = useMemo(() => summaryBody(overview, letterhead.issuerName), [overview, letterhead.issuerName]);
  const title = (letterhead.signerTitle.trim() || 'Chủ tịch').toLocaleUpperCase('vi-VN');
  return (
    <div data-testid="summary-document" data-fonts-ready={fontsReady ? 'true' : 'false'}>
      <OfficialDocument>
        <DocumentHeader
          letterhead={{
            superiorName: letterhead.superiorName,
            issuerName: letterhead.issuerName,
            numberLine: numberLine(letterhead.number, 'BC', letterhead.shortName),
            placeAndDateLine: placeAndDateLine(letterhead.placeName, letterhead.date, overview.period.year),
          }}
        />
        <DocumentTitle kind="BÁO CÁO" summary={summaryTitle(overview)} />
        <Addressee name={letterhead.superiorName} />
        <DocumentBody
          blocks={blocks}
          closing={
            <DocumentFooter
              recipients={recipientLines('Các công đoàn cơ sở trực thuộc')}
              authority={/^PHÓ\s/.test(title) ? ['TM. BAN THƯỜNG VỤ', 'KT. CHỦ TỊCH', title] : ['TM. BAN THƯỜNG VỤ', title]}
              signerName={letterhead.signerName}
            />
          }
        />
      </OfficialDocument>
    </div>
  );
}

export default SummaryDocument;
