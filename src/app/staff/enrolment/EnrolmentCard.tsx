/**
 * The enrolment card of a freshly issued code: the QR code a phone scans (the app's enrolment
 * address with the server and the code), the code as text for typing, the union and its superior,
 * the expiry, one line of instructions, and that the code is single-purpose and expiring. "In phiếu"
 * prints the card alone on the page, to hand to the union's chair.
 */
import { useEffect, useState } from 'react';
import { enrolmentLink } from '../../../domain/enrolmentLink';
import type { IssuedEnrolmentCode } from '../../../domain/staff';
import { formatDateTime, useI18n } from '../../i18n';
import { groupEnrolmentCode } from '../enrolmentCode';
import { enrolmentCardMessages } from './messages';
import { qrPicture, type QrPicture } from './qrCode';
import './enrolment.css';

export interface EnrolmentCardProps {
  unionName: string;
  /** The union's direct superior, printed under it; omitted when not known here. */
  superiorName?: string;
  issued: IssuedEnrolmentCode;
  /** Where the officer's app and its server are: this dashboard's own origin in a one-process deployment. */
  serverUrl?: string;
}

/** Marks the page while the card prints, so the print style shows the card alone. */
const PRINTING_CLASS = 'printing-enrolment-card';

export function printEnrolmentCard(): void {
  const root = document.documentElement;
  root.classList.add(PRINTING_CLASS);
  const done = () => {
    root.classList.remove(PRINTING_CLASS);
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

export function EnrolmentCard({ unionName, superiorName, issued, serverUrl = location.origin }: EnrolmentCardProps) {
  const { language } = useI18n();
  const m = enrolmentCardMessages(language);
  const code = groupEnrolmentCode(issued.code);
  const link = enrolmentLink(serverUrl, serverUrl, code);
  const [drawn, setDrawn] = useState<{ link: string; picture: QrPicture } | null>(null);
  const picture = drawn?.link === link ? drawn.picture : null;
  useEffect(() => {
    let live = true;
    void qrPicture(link).then((next) => live && setDrawn({ link, picture: next }));
    return () => {
      live = false;
    };
  }, [link]);

  return (
    <div className="enrolment-card-wrap">
      <article className="enrolment-card" data-testid="enrolment-card" data-link={link}>
        <h4 className="enrolment-card-title">{m.cardTitle}</h4>
        <div className="enrolment-card-body">
          {picture ? (
            <svg
              className="enrolment-qr"
              data-testid="enrolment-qr"
              viewBox={`0 0 ${picture.size} ${picture.size}`}
              role="img"
              aria-label={m.qrLabel(unionName)}
              shapeRendering="crispEdges"
            >
              <rect width={picture.size} height={picture.size} fill="#fff" />
              <path d={picture.path} fill="#000" />
            </svg>
          ) : (
            <p className="enrolment-qr enrolment-qr-pending">{m.drawing}</p>
          )}
          <dl className="enrolment-card-facts">
            <dt>{m.union}</dt>
            <dd data-testid="enrolment-card-union">{unionName}</dd>
            {superiorName ? (
              <>
                <dt>{m.superior}</dt>
                <dd>{superiorName}</dd>
              </>
            ) : null}
            <dt>{m.code}</dt>
            <dd className="enrolment-card-code" data-testid="enrolment-card-code">
              {code}
            </dd>
            <dt>{m.server}</dt>
            <dd className="enrolment-card-server">{serverUrl}</dd>
          </dl>
        </div>
        <p className="enrolment-card-expiry" data-testid="enrolment-card-expiry">
          <strong>{m.expires(formatDateTime(issued.expiresAt))}</strong> · {m.uses(issued.maxUses)}
        </p>
        <p className="enrolment-card-instructions">{m.instructions}</p>
        <p className="enrolment-card-warning">{m.singlePurpose}</p>
      </article>
      <button type="button" className="button" data-testid="print-enrolment-card" onClick={printEnrolmentCard}>
        {m.print}
      </button>
    </div>
  );
}
