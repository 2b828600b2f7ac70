import { Card, CardContent, Typography } from '@mui/material';
import { useEffect } from 'react';
import { useWalletI18n } from './translate';
import { useFocusOnMount } from './useFocusOnMount';

/** An unknown /wallet path or a link without its token: nothing to do here but ask for a new link. */
export function InvalidLinkPage() {
  const { t } = useWalletI18n();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const title = t('app.wallet.invalid.title');
  useEffect(() => {
    document.title = `${title} · ${t('app.wallet.brand')}`;
  }, [title, t]);
  return (
    <Card>
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 3 }}>
        <Typography component="h1" variant="h5" ref={headingRef} tabIndex={-1}>
          {title}
        </Typography>
        <Typography>{t('app.wallet.invalid.text')}</Typography>
      </CardContent>
    </Card>
  );
}
