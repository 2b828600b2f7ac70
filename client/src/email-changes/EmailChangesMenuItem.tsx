import { useGetList, usePermissions, useTranslate } from 'react-admin';
import type { EmailChangeView } from '../api/types';
import { CountedMenuItem } from '../layout/CountedMenuItem';

/**
 * "Email changes", with the number of requests awaiting a supervisor's decision beside it for supervisors (an
 * agent's entry lists their own requests, with no queue to count). Refreshed every minute and on every refresh.
 */
export function EmailChangesMenuItem() {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const { total } = useGetList<EmailChangeView>(
    'email-changes',
    {
      filter: { status: 'pending_approval' },
      sort: { field: 'createdAt', order: 'DESC' },
      pagination: { page: 1, perPage: 1 },
    },
    { enabled: permissions === 'supervisor', refetchInterval: 60_000 },
  );
  const pending = permissions === 'supervisor' && total ? total : 0;
  return (
    <CountedMenuItem
      name="email-changes"
      label={translate('resources.email-changes.name', { smart_count: 2 })}
      count={pending}
      spokenCount={translate('resources.email-changes.pending_badge', { count: pending })}
      color="primary"
      testId="email-changes-pending"
    />
  );
}
