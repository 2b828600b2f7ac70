import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  Datagrid,
  FunctionField,
  Pagination,
  ReferenceManyField,
  TextField,
  useTranslate,
} from 'react-admin';
import type { CaseView, Device, LoginEvent, TransactionView } from '../api/types';
import { TimeField } from '../layout/TimeField';
import { SignOutDeviceButton } from './SignOutDeviceButton';

type SectionProps = { id: string; title: string; children: ReactNode };

function Section({ id, title, children }: SectionProps) {
  return (
    <Box component="section" aria-labelledby={id} sx={{ mt: 3 }}>
      <Typography id={id} variant="h6" component="h2" gutterBottom>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function Empty({ text }: { text: string }) {
  return (
    <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
      {text}
    </Typography>
  );
}

function LoginEventsList({ caseId }: { caseId: number }) {
  const translate = useTranslate();
  return (
    <Section id="login-events-heading" title={translate('journey.events.heading')}>
      <ReferenceManyField
        reference="login-events"
        target="accountId"
        queryOptions={{ meta: { caseId } }}
        sort={{ field: 'at', order: 'DESC' }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10, 25]} />}
        empty={<Empty text={translate('journey.events.empty')} />}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TimeField source="at" label="journey.events.at" />
          <FunctionField<LoginEvent>
            source="outcome"
            label="journey.events.outcome"
            render={(r) => translate(`journey.outcomes.${r.outcome}`, { _: r.outcome })}
          />
          <TextField source="ip" label="journey.events.ip" />
          <TextField source="device" label="journey.events.device" />
          <TextField source="country" label="journey.events.country" />
        </Datagrid>
      </ReferenceManyField>
    </Section>
  );
}

function DevicesList({ caseId }: { caseId: number }) {
  const translate = useTranslate();
  return (
    <Section id="devices-heading" title={translate('journey.devices.heading')}>
      <ReferenceManyField
        reference="devices"
        target="accountId"
        queryOptions={{ meta: { caseId } }}
        sort={{ field: 'lastSeenAt', order: 'DESC' }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10, 25]} />}
        empty={<Empty text={translate('journey.devices.empty')} />}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="label" label="journey.devices.label" />
          <TextField source="lastIp" label="journey.devices.lastIp" />
          <TextField source="lastCountry" label="journey.devices.lastCountry" />
          <TimeField source="firstSeenAt" label="journey.devices.firstSeenAt" />
          <TimeField source="lastSeenAt" label="journey.devices.lastSeenAt" />
          <FunctionField<Device>
            label="journey.devices.state"
            render={(r) => translate(r.revokedAt ? 'journey.devices.signedOut' : 'journey.devices.active')}
          />
          <FunctionField<Device>
            label="resources.devices.signOut.column"
            render={(r) => <SignOutDeviceButton device={r} />}
          />
        </Datagrid>
      </ReferenceManyField>
    </Section>
  );
}

function TransactionsList({ caseId }: { caseId: number }) {
  const translate = useTranslate();
  return (
    <Section id="transactions-heading" title={translate('journey.transactions.heading')}>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {translate('journey.transactions.withheldNote')}
      </Typography>
      <ReferenceManyField
        reference="transactions"
        target="accountId"
        queryOptions={{ meta: { caseId } }}
        sort={{ field: 'at', order: 'DESC' }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10, 25]} />}
        empty={<Empty text={translate('journey.transactions.empty')} />}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TimeField source="at" label="journey.transactions.at" />
          <FunctionField<TransactionView>
            source="amount"
            label="journey.transactions.amount"
            render={(r) =>
              r.amount === null
                ? translate('journey.transactions.withheld')
                : `${r.amount.toFixed(2)} ${r.currency}`
            }
          />
          <TextField source="counterparty" label="journey.transactions.counterparty" emptyText="—" />
        </Datagrid>
      </ReferenceManyField>
    </Section>
  );
}

/**
 * Sign-ins, devices and transactions are read through the case the agent works in (docs/design.md,
 * Account activity): the server refuses them without one, so without an open case the page says how to
 * see them instead of showing three errors.
 */
export function AccountActivity({ kase }: { kase: CaseView | null }) {
  const translate = useTranslate();
  if (kase?.status !== 'open') {
    return (
      <Section id="account-activity-heading" title={translate('resources.accounts.activity.heading')}>
        <Typography variant="body2" color="text.secondary">
          {translate('resources.accounts.activity.needsCase')}
        </Typography>
      </Section>
    );
  }
  return (
    <>
      <LoginEventsList caseId={kase.id} />
      <DevicesList caseId={kase.id} />
      <TransactionsList caseId={kase.id} />
    </>
  );
}
