import LogoutIcon from '@mui/icons-material/Logout';
import { useShowContext, useTranslate } from 'react-admin';
import type { AccountView, Device } from '../api/types';
import { useAccountCase } from '../cases/useAccountCase';
import { CommandButton } from './CommandButton';

/**
 * "Sign out that tablet": one device of the account's device list (docs/design.md, Action policy,
 * sign_out_device, L1). Rendered in each row; the account and its case come from the page around it.
 */
export function SignOutDeviceButton({ device }: { device: Device }) {
  const translate = useTranslate();
  const { record: account } = useShowContext<AccountView>();
  const { kase } = useAccountCase(account?.id);
  if (!account || device.revokedAt) return null;
  return (
    <CommandButton
      account={account}
      kase={kase}
      action="sign_out_device"
      run={(dataProvider, body) => dataProvider.signOutDevice(account.id, device.id, body)}
      icon={<LogoutIcon />}
      label={translate('resources.devices.signOut.label')}
      confirmTitle={translate('resources.devices.signOut.confirm', { device: device.label })}
      description={translate('resources.devices.signOut.description')}
      successMessage="resources.devices.signOut.done"
    />
  );
}
