import { Alert, Card, CardContent, CircularProgress, Typography } from '@mui/material';
import { useEffect } from 'react';
import { InvalidLinkPage } from './InvalidLinkPage';
import { useWalletI18n } from './translate';
import { useFocusOnMount } from './useFocusOnMount';
import type { LinkCheck } from './useLinkStatus';

/** Keeps the tab's title on the page's heading, so the tab and a screen reader say the same. */
export function usePageTitle(title: string) {
  const { t } = useWalletI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.wallet.brand')}`;
  }, [title, t]);
}

/** A finished page (success, or a link that cannot be used): a heading that takes the focus, and its words. */
export function Outcome({
  title,
  lines,
  severity,
}: {
  title: string;
  lines: string[];
  severity: 'success' | 'warning' | 'error';
}) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  usePageTitle(title);
  return (
    <Card>
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 3 }}>
        <Typography component="h1" variant="h5" ref={headingRef} tabIndex={-1}>
          {title}
        </Typography>
        <Alert severity={severity} role="status">
          {lines.map((line) => (
            <Typography key={line} variant="body2" sx={{ '& + &': { mt: 1 } }}>
              {line}
            </Typography>
          ))}
        </Alert>
      </CardContent>
    </Card>
  );
}

/** While the server says whether the link still works: no form yet, so nobody types into a dead link. */
export function CheckingLink() {
  const { t } = useWalletI18n();
  const title = t('app.wallet.link.checking');
  usePageTitle(title);
  return (
    <Card aria-busy="true">
      <CardContent sx={{ display: 'flex', alignItems: 'center', gap: 2, p: 3 }}>
        <CircularProgress size={24} aria-hidden="true" />
        <Typography component="h1" variant="h6">
          {title}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** Whether the page may offer its form: the link is valid, or the server could not say (redeeming still checks). */
export const linkUsable = (status: LinkCheck) => status === 'valid' || status === null;

/**
 * What a page shows instead of its form while its link is checked or when it cannot be used, with the page's own
 * words (i18n keys) for a used and an expired link.
 */
export function LinkNotUsable({
  status,
  words,
}: {
  status: LinkCheck;
  words: { used: string; expired: string };
}) {
  const { t } = useWalletI18n();
  if (status === 'used' || status === 'expired') {
    return (
      <Outcome title={t(`app.wallet.link.${status}_title`)} lines={[t(words[status])]} severity="error" />
    );
  }
  return status === 'checking' ? <CheckingLink /> : <InvalidLinkPage />;
}
