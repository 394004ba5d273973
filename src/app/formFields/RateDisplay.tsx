import { meetsUnionizationTarget, unionizationRate } from '../../domain/indicators';
import { formatRate, useI18n } from '../i18n';

/** The unionization rate as the officer types: `85,3 %` and "Đạt" / "Chưa đạt" against 80 %, or "—". */
export function RateDisplay({ members, workers }: { members: number | null; workers: number | null }) {
  const { t } = useI18n();
  const rate = unionizationRate(members, workers);
  // More members than workers is an error shown beside the field; "Đạt" would only hide it.
  const met = rate != null && rate > 1 ? null : meetsUnionizationTarget(rate);
  return (
    <div className="rate" aria-live="polite">
      <p className="rate-label">{t.editor.rateLabel}</p>
      <p className="rate-figures">
        <strong className="rate-value" data-testid="unionization-rate">
          {formatRate(rate)}
        </strong>
        {met == null ? null : (
          <span className={`badge ${met ? 'badge-ok' : 'badge-bad'}`} data-testid="unionization-verdict">
            {met ? t.editor.rateMet : t.editor.rateNotMet}
          </span>
        )}
      </p>
      <p className="rate-note">{rate == null ? t.editor.rateNone : t.editor.rateTarget}</p>
    </div>
  );
}
