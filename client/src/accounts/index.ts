import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import { AccountShow } from './AccountShow';

/** No list: agents reach an account through Find customer, never by browsing customers. */
export default {
  show: AccountShow,
  icon: AccountBalanceWalletIcon,
  recordRepresentation: (record: { fullName: string; accountNumber: string }) =>
    `${record.fullName} (${record.accountNumber})`,
};
