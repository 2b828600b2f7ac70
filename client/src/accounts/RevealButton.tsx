import VisibilityIcon from '@mui/icons-material/Visibility';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { AccountView, CaseView } from '../api/types';
import { CommandButton } from './CommandButton';
import { ShownValueDialog } from './ShownValueDialog';

type Props = { account: AccountView; kase: CaseView | null; field: 'phone' | 'email' };

/**
 * The one unmasked read (audited by the server). The value lives in this component's state only and is gone when
 * the dialog closes.
 */
export function RevealButton({ account, kase, field }: Props) {
  const translate = useTranslate();
  const [value, setValue] = useState<string | null>(null);
  return (
    <>
      <CommandButton
        account={account}
        kase={kase}
        action="reveal"
        run={(dataProvider, body) => dataProvider.revealContact(account.id, { ...body, field })}
        icon={<VisibilityIcon />}
        label={translate(`journey.actions.reveal.${field}`)}
        confirmTitle={translate(`journey.actions.reveal.${field}`)}
        description={translate('journey.actions.reveal.description')}
        successMessage="journey.actions.reveal.done"
        onDone={(answer) => setValue(answer.value)}
      />
      <ShownValueDialog
        value={value}
        title={translate(`journey.actions.reveal.${field}`)}
        explanation={translate('journey.actions.reveal.shown')}
        onClose={() => setValue(null)}
      />
    </>
  );
}
