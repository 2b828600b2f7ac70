import AlternateEmailIcon from '@mui/icons-material/AlternateEmail';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { AccountView, CaseView } from '../api/types';
import { CommandButton } from './CommandButton';
import { ShownValueDialog } from './ShownValueDialog';

type Props = { account: AccountView; kase: CaseView | null };

/**
 * Where the forgotten-email call starts: the caller hears the masked address (`z***g@1**.com`) and often
 * remembers it. The hint is asked of the server (policy L1, audited), not read off the page.
 */
export function EmailHintButton({ account, kase }: Props) {
  const translate = useTranslate();
  const [hint, setHint] = useState<string | null>(null);
  return (
    <>
      <CommandButton
        account={account}
        kase={kase}
        action="email_hint"
        run={(dataProvider, body) => dataProvider.emailHint(account.id, body)}
        icon={<AlternateEmailIcon />}
        label={translate('journey.actions.emailHint.label')}
        confirmTitle={translate('journey.actions.emailHint.confirm', { name: account.fullName })}
        description={translate('journey.actions.emailHint.description')}
        successMessage="journey.actions.emailHint.done"
        onDone={(answer) => setHint(answer.maskedEmail)}
      />
      <ShownValueDialog
        value={hint}
        title={translate('journey.actions.emailHint.title')}
        explanation={translate('journey.actions.emailHint.shown')}
        onClose={() => setHint(null)}
        testId="email-hint"
      />
    </>
  );
}
