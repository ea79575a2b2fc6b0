/** Dates, languages and countries in the UI language (Intl), made once per language. */
import { format, parseISO } from 'date-fns';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export type Formats = {
  /** An ISO date (YYYY-MM-DD), read as a local calendar date, never shifted by time zone. */
  date(isoDate: string): string;
  dateTime(isoDateTime: string): string;
  /** A language tag like "vi" as the UI language names it ("Vietnamese", "vietnamien"). */
  language(tag: string): string;
  country(code: string): string;
  list(items: readonly string[]): string;
};

function displayName(names: Intl.DisplayNames | null, code: string): string {
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

export function useFormats(): Formats {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
    const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    const languages = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(lang, { type: 'language' }) : null;
    const regions = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(lang, { type: 'region' }) : null;
    const list = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
    return {
      date: (iso) => date.format(parseISO(iso)),
      dateTime: (iso) => dateTime.format(new Date(iso)),
      language: (tag) => displayName(languages, tag),
      country: (code) => displayName(regions, code),
      list: (items) => list.format(items),
    };
  }, [lang]);
}

/** Today as the device's local calendar date (YYYY-MM-DD), the form entitlement dates use. */
export function localToday(now: Date): string {
  return format(now, 'yyyy-MM-dd');
}
