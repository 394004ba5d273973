/** The CĐCS's sector (public / private / foreign-invested, or none), as the new-union and edit forms ask it. */
import { SECTORS, type Sector } from '../../domain/report';
import { useI18n } from '../i18n';

export function SectorSelect({
  id,
  name,
  noneLabel,
  value,
  onChange,
}: {
  id: string;
  name?: string;
  noneLabel: string;
  value: Sector | '';
  onChange: (sector: Sector | '') => void;
}) {
  const { t } = useI18n();
  return (
    <select id={id} name={name} className="input" value={value} onChange={(e) => onChange(e.target.value as Sector | '')}>
      <option value="">{noneLabel}</option>
      {SECTORS.map((sector) => (
        <option key={sector} value={sector}>
          {t.sectors[sector]}
        </option>
      ))}
    </select>
  );
}
