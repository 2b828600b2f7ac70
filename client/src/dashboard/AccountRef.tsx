import { Link } from 'react-admin';
import type { AccountLabel } from '../api/types';

/** A customer as the dashboards name one: the account number (a link to the account page) and the masked name. */
export function AccountRef({ account }: { account: AccountLabel }) {
  return (
    <span>
      <Link to={`/accounts/${account.accountId}/show`}>{account.accountNumber}</Link> {account.maskedName}
    </span>
  );
}
