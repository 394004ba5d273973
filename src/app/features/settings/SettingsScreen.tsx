/** Language, the union profile link, notifications, installing the app, and the storage panel (persistence and space used) from ../../pwa. */
import { useState } from 'react';
import { InstallPrompt, PushSettings, StoragePanel } from '../../pwa/settings';
import { LANGUAGES, useI18n } from '../../i18n';
import { SyncPanel, useSuperiorName } from '../syncStatus';
import { settingsMessages } from './messages';

export default function SettingsScreen() {
  const { language, setLanguage } = useI18n();
  const m = settingsMessages(language);
  const superior = useSuperiorName();
  // English loads on first use; the choice shows at once, the texts follow a moment later.
  const [chosen, setChosen] = useState(language);
  return (
    <div className="screen">
      <h2 className="screen-title">{m.title}</h2>
      <section className="card">
        <fieldset className="field choice">
          <legend className="field-label">{m.language}</legend>
          <div className="choice-options">
            {LANGUAGES.map((option) => (
              <label key={option} className="choice-option" lang={option}>
                <input
                  type="radio"
                  name="language"
                  value={option}
                  data-testid={`language-${option}`}
                  checked={chosen === option}
                  onChange={() => {
                    setChosen(option);
                    setLanguage(option);
                  }}
                />
                {m.languages[option]}
              </label>
            ))}
          </div>
        </fieldset>
        <a className="button button-wide" href="#/profile">
          {m.profileLink}
        </a>
      </section>
      <section className="card">
        <SyncPanel enrolHref="#/enrol" />
      </section>
      <section className="card">
        <PushSettings superior={superior} language={language} />
      </section>
      <section className="card">
        <InstallPrompt language={language} />
      </section>
      <section className="card">
        <StoragePanel language={language} />
      </section>
      <p className="staff-footer-link">
        <a href="#/staff" data-testid="staff-link">
          {m.staffLink}
        </a>
      </p>
    </div>
  );
}
