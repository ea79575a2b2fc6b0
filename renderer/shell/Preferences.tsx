/** Theme and language, chosen in the top bar and kept for this browser profile. */
import { useTranslation } from 'react-i18next';
import { themes, useUi, type Theme } from '../app/uiStore';
import { changeLocale, isLocale, locales } from '../i18n/i18n';

export function Preferences() {
  const { t, i18n } = useTranslation();
  const { theme, setTheme } = useUi();
  const themeLabel: Record<Theme, string> = { system: t('prefs.system'), light: t('prefs.light'), dark: t('prefs.dark') };
  return (
    <div className="prefs">
      <label htmlFor="pref-theme">{t('prefs.theme')}</label>
      <select id="pref-theme" value={theme} onChange={(e) => setTheme(themes.find((x) => x === e.target.value) ?? 'system')}>
        {themes.map((x) => (
          <option key={x} value={x}>
            {themeLabel[x]}
          </option>
        ))}
      </select>
      <label htmlFor="pref-language">{t('prefs.language')}</label>
      <select id="pref-language" value={i18n.language} onChange={(e) => isLocale(e.target.value) && void changeLocale(e.target.value)}>
        {Object.entries(locales).map(([key, name]) => (
          <option key={key} value={key} lang={key}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
