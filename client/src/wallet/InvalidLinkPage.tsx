import { Outcome } from './LinkOutcome';
import { useWalletI18n } from './translate';

/** An unknown /wallet path, a link without its token or one the server does not know: ask for a new link. */
export function InvalidLinkPage() {
  const { t } = useWalletI18n();
  return (
    <Outcome title={t('app.wallet.invalid.title')} lines={[t('app.wallet.invalid.text')]} severity="error" />
  );
}
