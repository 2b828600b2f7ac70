import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { HTML_LANG, isLocale, LOCALES } from '../i18n/locale';

const SHORT_LABEL_KEYS = { en: 'app.language.en_short', zh: 'app.language.zh_short' } as const;
const NAME_KEYS = { en: 'app.language.en', zh: 'app.language.zh' } as const;

/**
 * EN / 中文. Each button names its language in that language (and says so with `lang`), so a
 * reader who does not understand the current one can still find theirs.
 */
export function LanguageSwitch({ onDark = false }: { onDark?: boolean }) {
  const translate = useTranslate();
  const [locale, setLocale] = useLocaleState();
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={locale}
      onChange={(_event, next: unknown) => {
        if (isLocale(next)) setLocale(next);
      }}
      aria-label={translate('app.language.label')}
      sx={
        onDark
          ? {
              mx: 1,
              '& .MuiToggleButton-root': { color: 'inherit', borderColor: 'rgba(255,255,255,0.6)' },
              '& .MuiToggleButton-root.Mui-selected': {
                color: 'inherit',
                fontWeight: 700,
                // Darken, not lighten: white text must keep its contrast on the selected button.
                backgroundColor: 'rgba(0,0,0,0.35)',
                textDecoration: 'underline',
              },
            }
          : undefined
      }
    >
      {LOCALES.map(({ locale: value }) => (
        <ToggleButton
          key={value}
          value={value}
          lang={HTML_LANG[value]}
          aria-label={translate(NAME_KEYS[value])}
          sx={{ px: 1.5, textTransform: 'none' }}
        >
          {translate(SHORT_LABEL_KEYS[value])}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
