import {
  Box,
  CssBaseline,
  createTheme,
  ThemeProvider,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import {
  applyLocaleToDocument,
  HTML_LANG,
  isLocale,
  LOCALES,
  type Locale,
  pickInitialLocale,
} from '../i18n/locale';
import { theme as consoleTheme } from '../layout/theme';
import { EmailChangePage } from './EmailChangePage';
import { ForgotPasswordPage } from './ForgotPasswordPage';
import { InvalidLinkPage } from './InvalidLinkPage';
import { linkMemory, rememberForLink, takeLink } from './linkToken';
import { ResetPasswordPage } from './ResetPasswordPage';
import { translators, useWalletI18n, type WalletI18n, WalletI18nContext } from './translate';

const theme = createTheme(consoleTheme);

/** The customer's browser language decides: any Chinese variant gets 中文, anything else English. */
function browserLocale(): Locale {
  return pickInitialLocale(null, [globalThis.navigator?.language ?? 'en']);
}

/** EN / 中文, each button named in its own language so a reader of the other one still finds it. */
function LanguageToggle() {
  const { locale, setLocale, t } = useWalletI18n();
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={locale}
      onChange={(_event, next: unknown) => {
        if (isLocale(next)) setLocale(next);
      }}
      aria-label={t('app.language.label')}
    >
      {LOCALES.map(({ locale: value }) => (
        <ToggleButton
          key={value}
          value={value}
          lang={HTML_LANG[value]}
          aria-label={t(`app.language.${value}`)}
          sx={{
            px: 1.5,
            textTransform: 'none',
            // MUI's grey label is 4.47:1 on the page's grey: below WCAG AA, which axe reports.
            color: 'text.primary',
            '&.Mui-selected': { fontWeight: 700 },
          }}
        >
          {t(`app.language.${value}_short`)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

function WalletShell({ children }: { children: ReactNode }) {
  const { t } = useWalletI18n();
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'grey.100', display: 'flex', flexDirection: 'column' }}>
      <Box
        component="header"
        sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', px: 2, py: 1.5 }}
      >
        <Typography component="p" variant="h6" sx={{ fontWeight: 700, color: 'primary.main' }}>
          {t('app.wallet.brand')}
        </Typography>
        <LanguageToggle />
      </Box>
      <Box component="main" sx={{ flex: 1, display: 'flex', justifyContent: 'center', px: 2, pb: 4 }}>
        <Box sx={{ width: '100%', maxWidth: 440 }}>{children}</Box>
      </Box>
      <Box component="footer" sx={{ textAlign: 'center', pb: 2, px: 2 }}>
        <Typography variant="body2" color="text.secondary">
          {t('app.wallet.never_share')}
        </Typography>
      </Box>
    </Box>
  );
}

/**
 * The customer's pages under /wallet/* (links in OKPay's messages): plain MUI with the console's
 * theme and texts, no react-admin and no staff session. A path this app does not know, or a link
 * without its token, gets a short "link not valid" page.
 */
export function WalletApp() {
  // Read once, before anything else can copy the address bar; a reload finds it in the tab's history entry.
  const [{ token, restored }] = useState(takeLink);
  const [locale, setLocale] = useState<Locale>(() => linkMemory()?.locale ?? browserLocale());
  const i18n = useMemo<WalletI18n>(
    () => ({
      locale,
      setLocale: (next) => {
        setLocale(next);
        rememberForLink({ locale: next });
      },
      t: translators[locale],
    }),
    [locale],
  );

  useEffect(() => applyLocaleToDocument(locale), [locale]);

  const path = window.location.pathname.replace(/\/+$/, '');
  const page =
    path === '/wallet/forgot-password' ? (
      <ForgotPasswordPage />
    ) : !token ? (
      <InvalidLinkPage />
    ) : path === '/wallet/reset-password' ? (
      <ResetPasswordPage token={token} restored={restored} />
    ) : path === '/wallet/confirm-email' ? (
      <EmailChangePage step="confirm" token={token} />
    ) : path === '/wallet/revert-email' ? (
      <EmailChangePage step="revert" token={token} />
    ) : (
      <InvalidLinkPage />
    );

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <WalletI18nContext.Provider value={i18n}>
        <WalletShell>{page}</WalletShell>
      </WalletI18nContext.Provider>
    </ThemeProvider>
  );
}
