/**
 * The union profile, set once: name, employer, sector, address (commune and province: there are no
 * districts since 1 July 2025), and what the printed report's header and signature need. Enrolment
 * fills the fields still empty with what the server knows; the officer can change each. Kept only on
 * this device (and in its backups). A district typed in an older build is shown as history, kept.
 */
import { useEffect, useState } from 'react';
import { SECTORS, emptyProfile, type Sector, type UnionProfile } from '../../../domain/report';
import { StorageFullError, getLocalStore } from '../../db';
import { useI18n } from '../../i18n';
import { FieldRow } from '../../ui/FieldRow';
import { printMessages } from '../print/messages';
import { profileMessages } from './messages';

const TEXT_FIELDS = ['unionName', 'employer'] as const;
/** The union's address since the 2025 reform. */
const ADDRESS_FIELDS = ['commune', 'province'] as const;
/** Printed in the document's header (superior, symbol, place) and signature block. */
const DOCUMENT_FIELDS = ['superiorName', 'shortName', 'placeName', 'signerName', 'signerTitle'] as const;

export function ProfileScreen() {
  const { t, language } = useI18n();
  const pm = printMessages(language);
  const m = profileMessages(language);
  const [profile, setProfile] = useState<UnionProfile | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    void getLocalStore()
      .settings.get('profile')
      .then((saved) => live && setProfile(saved ?? emptyProfile()))
      .catch(() => live && setProfile(emptyProfile()));
    return () => {
      live = false;
    };
  }, []);

  if (!profile) return <p className="muted">{t.common.loading}</p>;

  const update = (change: Partial<UnionProfile>) => {
    setMessage(null);
    setProfile({ ...profile, ...change });
  };
  const save = async () => {
    const trimmed: UnionProfile = {
      ...profile,
      unionName: profile.unionName.trim().slice(0, 200),
      employer: profile.employer.trim().slice(0, 200),
      sector: profile.sector,
      // Never edited here: written back as it was ('' when none), for older builds (reportSchema.ts).
      district: profile.district ?? '',
    };
    for (const key of [...ADDRESS_FIELDS, ...DOCUMENT_FIELDS])
      if (profile[key] != null) trimmed[key] = profile[key].trim().slice(0, key === 'shortName' ? 40 : 200);
    if (profile.recipients != null) trimmed.recipients = profile.recipients.trim().slice(0, 2000);
    try {
      await getLocalStore().settings.set('profile', trimmed);
      setProfile(trimmed);
      setMessage({ kind: 'ok', text: m.saved });
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof StorageFullError ? t.db.storageFull : t.db.genericError });
    }
  };

  return (
    <form
      className="screen card"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 className="screen-title">{m.title}</h2>
      <p className="muted">{m.intro}</p>
      {TEXT_FIELDS.map((key) => (
        <FieldRow key={key} id={`profile-${key}`} label={m[key]} hint={key === 'unionName' ? m.unionNameHint : undefined}>
          <input
            id={`profile-${key}`}
            className="input"
            type="text"
            maxLength={200}
            autoComplete={key === 'employer' ? 'organization' : 'off'}
            data-testid={`field-profile.${key}`}
            value={profile[key]}
            onChange={(e) => update({ [key]: e.target.value })}
          />
        </FieldRow>
      ))}
      <FieldRow id="profile-sector" label={m.sector}>
        <select
          id="profile-sector"
          className="input"
          data-testid="field-profile.sector"
          value={profile.sector}
          onChange={(e) => update({ sector: e.target.value as Sector | '' })}
        >
          <option value="">{m.sectorNone}</option>
          {SECTORS.map((sector) => (
            <option key={sector} value={sector}>
              {t.sectors[sector]}
            </option>
          ))}
        </select>
      </FieldRow>
      {ADDRESS_FIELDS.map((key) => (
        <FieldRow key={key} id={`profile-${key}`} label={m[key]} hint={key === 'commune' ? m.communeHint : m.provinceHint}>
          <input
            id={`profile-${key}`}
            className="input"
            type="text"
            maxLength={200}
            autoComplete="off"
            data-testid={`field-profile.${key}`}
            value={profile[key] ?? ''}
            onChange={(e) => update({ [key]: e.target.value })}
          />
        </FieldRow>
      ))}
      {profile.district?.trim() ? (
        <p className="field-hint" data-testid="profile-former-district">
          {m.formerDistrict(profile.district.trim())}
        </p>
      ) : null}
      {DOCUMENT_FIELDS.map((key) => (
        <FieldRow
          key={key}
          id={`profile-${key}`}
          label={pm[key]}
          hint={key === 'superiorName' ? pm.superiorNameHint : key === 'shortName' ? pm.shortNameHint : key === 'placeName' ? pm.placeNameHint : key === 'signerTitle' ? pm.signerTitleHint : undefined}
        >
          <input
            id={`profile-${key}`}
            className="input"
            type="text"
            maxLength={key === 'shortName' ? 40 : 200}
            autoComplete={key === 'signerName' ? 'name' : 'off'}
            data-testid={`field-profile.${key}`}
            value={profile[key] ?? ''}
            onChange={(e) => update({ [key]: e.target.value })}
          />
        </FieldRow>
      ))}
      <FieldRow id="profile-recipients" label={pm.recipients} hint={pm.recipientsHint}>
        <textarea
          id="profile-recipients"
          className="input input-long"
          maxLength={2000}
          data-testid="field-profile.recipients"
          value={profile.recipients ?? ''}
          onChange={(e) => update({ recipients: e.target.value })}
        />
      </FieldRow>
      <button type="submit" className="button button-primary button-wide" data-testid="profile-save">
        {m.save}
      </button>
      {message ? (
        <p className={`field-message field-message-${message.kind === 'ok' ? 'ok' : 'error'}`} role="status" data-testid="profile-message">
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
