import { List, ListItem, ListItemText, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import type { SupervisorQueues } from '../api/types';
import { AccountRef } from './AccountRef';
import { DashboardTile } from './DashboardTile';
import { listLink, useDashboard } from './useDashboard';

type Queue = SupervisorQueues['pendingApprovals'];

/** "3 h", "2 d": how long it has waited, in the reader's language. */
function useAge() {
  const translate = useTranslate();
  return (at: number) => {
    const minutes = Math.max(0, Math.floor((Date.now() - at) / 60_000));
    if (minutes < 60) return translate('app.dashboard.age.minutes', { n: minutes });
    if (minutes < 48 * 60) return translate('app.dashboard.age.hours', { n: Math.floor(minutes / 60) });
    return translate('app.dashboard.age.days', { n: Math.floor(minutes / 1440) });
  };
}

function QueueList({ queue, to }: { queue: Queue; to: (item: Queue['oldest'][number]) => string }) {
  const translate = useTranslate();
  const age = useAge();
  if (queue.total === 0)
    return <Typography color="text.secondary">{translate('app.dashboard.tiles.queue_empty')}</Typography>;
  return (
    <List dense disablePadding>
      {queue.oldest.map((item) => (
        <ListItem key={item.id} disableGutters>
          <ListItemText
            primary={
              <>
                <Link to={to(item)}>#{item.id}</Link> · <AccountRef account={item} />
              </>
            }
            secondary={translate('app.dashboard.tiles.waiting_for', {
              age: age(item.at),
              staff: item.staffName ?? '—',
            })}
          />
        </ListItem>
      ))}
    </List>
  );
}

/** Pending approvals and frozen verifications: what waits for a supervisor, oldest first, with its age. */
export function QueuesTile() {
  const translate = useTranslate();
  const { data, isPending, isError } = useDashboard('queues');
  const state = { loading: isPending, failed: isError };
  return (
    <>
      <DashboardTile
        id="pending-approvals"
        title="app.dashboard.tiles.pending_approvals"
        link={{
          to: listLink('email-changes', { status: 'pending_approval' }),
          label: 'app.dashboard.tiles.open_approvals',
        }}
        {...state}
      >
        {data && (
          <>
            <Typography variant="h4" component="p">
              {data.pendingApprovals.total}
            </Typography>
            <QueueList queue={data.pendingApprovals} to={(i) => `/email-changes/${i.id}/show`} />
          </>
        )}
      </DashboardTile>
      <DashboardTile
        id="frozen-verifications"
        title="app.dashboard.tiles.frozen"
        link={{
          to: listLink('cases', { frozen: true, status: 'open' }),
          label: 'app.dashboard.tiles.open_frozen',
        }}
        {...state}
      >
        {data && (
          <>
            <Typography variant="h4" component="p">
              {data.frozenVerifications.total}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('app.dashboard.tiles.frozen_help')}
            </Typography>
            <QueueList queue={data.frozenVerifications} to={(i) => `/cases/${i.caseId}/show`} />
          </>
        )}
      </DashboardTile>
    </>
  );
}
