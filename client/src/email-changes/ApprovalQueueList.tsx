import type { ReactElement, ReactNode } from 'react';
import {
  Datagrid,
  FunctionField,
  List,
  ReferenceField,
  SelectInput,
  TextField,
  useTranslate,
} from 'react-admin';
import { AccessGate } from '../access/AccessGate';
import type { EmailChangeView, TwoFactorResetView } from '../api/types';
import { TimeField } from '../layout/TimeField';
import { RequesterName } from './fields';

type QueueRow = EmailChangeView | TwoFactorResetView;

type ApprovalQueueListProps<R extends QueueRow> = {
  resource: 'email-changes' | 'two-factor-resets';
  statuses: readonly R['status'][];
  /** The status cell (each queue has its own chip). */
  status: (record: R) => ReactNode;
  /** Columns of this queue only, shown after the requester. */
  columns?: ReactElement[];
  pagination?: ReactElement;
};

/**
 * A four-eyes queue (docs/design.md, Email changes and Two-factor reset): pending first by default, filtered by
 * status, one row per request with its account, requester, reason, status and time. Supervisors see every request;
 * an agent the ones they filed (the server narrows the list).
 */
export function ApprovalQueueList<R extends QueueRow>(props: ApprovalQueueListProps<R>) {
  return (
    <AccessGate resource={props.resource} action="list">
      <QueuePage {...props} />
    </AccessGate>
  );
}

function QueuePage<R extends QueueRow>({
  resource,
  statuses,
  status,
  columns = [],
  pagination,
}: ApprovalQueueListProps<R>) {
  const translate = useTranslate();
  const field = (name: string) => `resources.${resource}.fields.${name}`;
  const filters = [
    <SelectInput
      key="status"
      source="status"
      label={field('status')}
      alwaysOn
      choices={statuses.map((id) => ({ id, name: `resources.${resource}.statuses.${id}` }))}
    />,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'pending_approval' }}
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
      pagination={pagination}
      title={translate(`resources.${resource}.title`)}
      empty={false}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" label={field('id')} />
        <ReferenceField
          source="accountId"
          reference="accounts"
          label={field('accountId')}
          link={false}
          sortable={false}
          sx={{ whiteSpace: 'nowrap' }}
        />
        <FunctionField<R>
          source="requestedBy"
          label={field('requestedBy')}
          sortable={false}
          render={(r) => <RequesterName change={r} />}
        />
        {columns}
        <TextField source="reason" label={field('reason')} sortable={false} />
        <FunctionField<R> source="status" label={field('status')} render={status} />
        <TimeField source="createdAt" label={field('createdAt')} />
      </Datagrid>
    </List>
  );
}
