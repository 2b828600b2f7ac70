import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import { lazyView } from '../lazyView';

const AccountShow = lazyView(() => import('./AccountShow'), 'AccountShow');

/** No list: agents reach an account through Find customer, never by browsing customers. */
export default {
  show: AccountShow,
  icon: AccountBalanceWalletIcon,
  recordRepresentation: (record: { fullName: string; accountNumber: string }) =>
    `${record.fullName} (${record.accountNumber})`,
};
