import { FunctionField } from 'react-admin';
import { EMAIL_CHANGE_STATUSES } from '../../../shared/domain';
import type { EmailChangeView } from '../api/types';
import { ReferencePagePagination } from '../layout/ReferencePagePagination';
import { ApprovalQueueList } from './ApprovalQueueList';
import { EmailChangeStatusChip, EmailsText } from './fields';

/**
 * The supervisors' approval queue (pending first by default); an agent sees the requests they filed (the server
 * narrows the list), so they can tell the caller where their change stands.
 */
export function EmailChangeList() {
  return (
    <ApprovalQueueList<EmailChangeView>
      resource="email-changes"
      statuses={EMAIL_CHANGE_STATUSES}
      status={(r) => <EmailChangeStatusChip status={r.status} />}
      pagination={<ReferencePagePagination />}
      columns={[
        <FunctionField<EmailChangeView>
          key="emails"
          label="resources.email-changes.fields.emails"
          render={(r) => <EmailsText record={r} />}
        />,
      ]}
    />
  );
}
