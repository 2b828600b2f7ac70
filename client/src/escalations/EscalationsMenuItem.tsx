import { useGetList, useTranslate } from 'react-admin';
import type { EscalationRecord } from '../api/types';
import { CountedMenuItem } from '../layout/CountedMenuItem';
import { QUEUE_POLL_MS } from './EscalationList';

/** "Escalations" with the number of cases waiting for a supervisor, refreshed as often as the queue itself. */
export function EscalationsMenuItem() {
  const translate = useTranslate();
  const { total } = useGetList<EscalationRecord>(
    'escalations',
    { sort: { field: 'escalatedAt', order: 'ASC' }, pagination: { page: 1, perPage: 1 } },
    { refetchInterval: QUEUE_POLL_MS },
  );
  const waiting = total ?? 0;
  return (
    <CountedMenuItem
      name="escalations"
      label={translate('resources.escalations.name', { smart_count: 2 })}
      count={waiting}
      spokenCount={translate('resources.escalations.waiting_badge', { count: waiting })}
      color="warning"
      testId="escalations-waiting"
    />
  );
}
