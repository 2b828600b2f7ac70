import DevicesOtherIcon from '@mui/icons-material/DevicesOther';
import LockIcon from '@mui/icons-material/Lock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import MarkEmailReadIcon from '@mui/icons-material/MarkEmailRead';
import PhonelinkEraseIcon from '@mui/icons-material/PhonelinkErase';
import { Box, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Typography } from '@mui/material';
import { useId, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { AccountView, CaseView } from '../api/types';
import { CommandButton } from './CommandButton';
import { EmailChangeButton } from './EmailChangeButton';
import { EmailHintButton } from './EmailHintButton';
import { RevealButton } from './RevealButton';

type Props = { account: AccountView; kase: CaseView | null };

export function UnlockButton({ account, kase }: Props) {
  const translate = useTranslate();
  if (account.status !== 'locked') return null;
  return (
    <CommandButton
      account={account}
      kase={kase}
      action="unlock"
      run={(dataProvider, body) => dataProvider.unlockAccount(account.id, body)}
      primary
      icon={<LockOpenIcon />}
      label={translate('journey.actions.unlock.label')}
      confirmTitle={translate('journey.actions.unlock.confirm', { name: account.fullName })}
      description={translate('journey.actions.unlock.description')}
      successMessage="journey.actions.unlock.done"
    />
  );
}

export function HoldButton({ account, kase }: Props) {
  const translate = useTranslate();
  if (account.status !== 'active') return null;
  return (
    <CommandButton
      account={account}
      kase={kase}
      action="hold"
      run={(dataProvider, body) => dataProvider.holdAccount(account.id, body)}
      color="warning"
      icon={<LockIcon />}
      label={translate('journey.actions.hold.label')}
      confirmTitle={translate('journey.actions.hold.confirm', { name: account.fullName })}
      description={translate('journey.actions.hold.description')}
      successMessage="journey.actions.hold.done"
    />
  );
}

export function SignOutDevicesButton({ account, kase }: Props) {
  const translate = useTranslate();
  return (
    <CommandButton
      account={account}
      kase={kase}
      action="sign_out_devices"
      run={(dataProvider, body) => dataProvider.signOutDevices(account.id, body)}
      icon={<DevicesOtherIcon />}
      label={translate('journey.actions.signOutDevices.label')}
      confirmTitle={translate('journey.actions.signOutDevices.confirm', { name: account.fullName })}
      description={translate('journey.actions.signOutDevices.description')}
      successMessage="journey.actions.signOutDevices.done"
    />
  );
}

/** The reset link goes by email or by SMS ("the email never arrives"): the agent picks with the caller. */
export function PasswordResetButton({ account, kase }: Props) {
  const translate = useTranslate();
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const channelLabelId = useId();
  const recipient = channel === 'email' ? account.maskedEmail : account.maskedPhone;
  return (
    <CommandButton
      account={account}
      kase={kase}
      action="password_reset"
      run={(dataProvider, body) => dataProvider.sendPasswordReset(account.id, { ...body, channel })}
      icon={<MarkEmailReadIcon />}
      label={translate('journey.actions.passwordReset.label')}
      confirmTitle={translate('journey.actions.passwordReset.confirm', { email: recipient })}
      description={
        <>
          {translate('journey.actions.passwordReset.description')}
          <FormControl component="fieldset" sx={{ display: 'block', mt: 1 }}>
            <FormLabel id={channelLabelId} component="legend">
              {translate('journey.actions.passwordReset.channel')}
            </FormLabel>
            <RadioGroup
              row
              aria-labelledby={channelLabelId}
              name="channel"
              value={channel}
              onChange={(e) => setChannel(e.target.value === 'sms' ? 'sms' : 'email')}
            >
              <FormControlLabel
                value="email"
                control={<Radio />}
                label={translate('journey.actions.passwordReset.byEmail', { email: account.maskedEmail })}
              />
              <FormControlLabel
                value="sms"
                control={<Radio />}
                label={translate('journey.actions.passwordReset.bySms', { phone: account.maskedPhone })}
              />
            </RadioGroup>
          </FormControl>
        </>
      }
      successMessage="journey.actions.passwordReset.done"
    />
  );
}

/** Lost two-factor device: filed at L3 without the SMS code, a second supervisor approves (two-factor-resets). */
export function ResetTwoFactorButton({ account, kase }: Props) {
  const translate = useTranslate();
  return (
    <CommandButton
      account={account}
      kase={kase}
      action="reset_2fa"
      run={(dataProvider, body) => dataProvider.requestTwoFactorReset(account.id, body)}
      icon={<PhonelinkEraseIcon />}
      label={translate('resources.two-factor-resets.request.label')}
      confirmTitle={translate('resources.two-factor-resets.request.confirm', { name: account.fullName })}
      description={translate('resources.two-factor-resets.story')}
      successMessage="resources.two-factor-resets.request.done"
    />
  );
}

/** The account commands of this journey, in the order an agent usually needs them. */
export function AccountActions({ account, kase }: Props) {
  const translate = useTranslate();
  if (account.status === 'closed') return null;
  return (
    <Box component="section" aria-labelledby="account-actions-heading">
      <Typography id="account-actions-heading" variant="h6" component="h2" gutterBottom>
        {translate('journey.actions.heading')}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}>
        <UnlockButton account={account} kase={kase} />
        <PasswordResetButton account={account} kase={kase} />
        <SignOutDevicesButton account={account} kase={kase} />
        <HoldButton account={account} kase={kase} />
        <RevealButton account={account} kase={kase} field="phone" />
        <RevealButton account={account} kase={kase} field="email" />
        <EmailHintButton account={account} kase={kase} />
        <EmailChangeButton account={account} kase={kase} />
        {account.twoFactorEnabled && <ResetTwoFactorButton account={account} kase={kase} />}
      </Box>
    </Box>
  );
}
