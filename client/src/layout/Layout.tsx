import { type Theme, ThemeProvider } from '@mui/material';
import { type ReactNode, useCallback } from 'react';
import { Layout as RaLayout, useGetIdentity, useTranslate } from 'react-admin';
import { ChangePasswordPage } from '../login/ChangePasswordPage';
import { EnrolmentPage } from '../login/EnrolmentPage';
import { AppBar } from './AppBar';
import { IncidentBanner } from './IncidentBanner';
import { Menu } from './Menu';

export function Layout({ children }: { children: ReactNode }) {
  const { data: identity } = useGetIdentity();
  const withNamedProgress = useNamedProgressTheme();
  // A temporary password opens nothing else: no menu, no page, no request the server would refuse.
  if (identity?.mustChangePassword) return <ChangePasswordPage />;
  // Then, for a role that must have one, the authenticator: the server refuses everything else until then.
  if (identity?.mfaEnrolmentRequired) return <EnrolmentPage />;
  return (
    <ThemeProvider theme={withNamedProgress}>
      <RaLayout appBar={AppBar} menu={Menu}>
        <IncidentBanner />
        {children}
      </RaLayout>
    </ThemeProvider>
  );
}

/**
 * react-admin's loading bars and spinners (lists, the access check, the app bar) are role="progressbar"
 * without a name, which axe reports as serious (aria-progressbar-name). The theme is built once for both
 * languages, so the name comes from a nested theme that reads the current translation.
 */
function useNamedProgressTheme() {
  const translate = useTranslate();
  const name = translate('ra.page.loading');
  return useCallback(
    (outer: Theme): Theme => ({
      ...outer,
      components: {
        ...outer.components,
        MuiLinearProgress: {
          ...outer.components?.MuiLinearProgress,
          defaultProps: { ...outer.components?.MuiLinearProgress?.defaultProps, 'aria-label': name },
        },
        MuiCircularProgress: {
          ...outer.components?.MuiCircularProgress,
          defaultProps: { ...outer.components?.MuiCircularProgress?.defaultProps, 'aria-label': name },
        },
      },
    }),
    [name],
  );
}
