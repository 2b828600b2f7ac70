import { Alert, AlertTitle, List, ListItem } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import type { RiskSignalRecord } from '../api/types';
import { useFormatTime } from '../cases/useFormatTime';

/** How many signals raise the policy's needs (server/src/policy/actionPolicy.ts ELEVATING_SIGNALS). */
const ELEVATING_SIGNALS = 2;

/**
 * The account's takeover warning signs in plain words, above every action button (docs/design.md, Risk
 * signals), and what they change: the buttons below already follow the server's policy, this says why.
 */
export function RiskSignalsPanel({ accountId }: { accountId: number }) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const { data: signals } = useGetList<RiskSignalRecord>('risk-signals', {
    filter: { accountId },
    pagination: { page: 1, perPage: 25 },
    sort: { field: 'code', order: 'ASC' },
  });
  if (!signals?.length) return null;
  const phoneChanged = signals.some((s) => s.code === 'phone_changed');
  return (
    <Alert severity="warning" role="status" sx={{ mb: 2 }} data-testid="risk-signals">
      <AlertTitle>{translate('resources.risk-signals.title')}</AlertTitle>
      <List dense disablePadding sx={{ listStyle: 'disc', pl: 2 }}>
        {signals.map((s) => (
          <ListItem key={s.code} sx={{ display: 'list-item', p: 0 }} data-signal={s.code}>
            {translate(`resources.risk-signals.signals.${s.code}`, {
              time: formatTime(s.at),
              count: s.count,
              countries: s.countries?.join(', ') ?? '',
            })}
          </ListItem>
        ))}
      </List>
      {phoneChanged && <strong>{translate('resources.risk-signals.effects.sms_not_possession')} </strong>}
      {signals.length >= ELEVATING_SIGNALS && (
        <strong>{translate('resources.risk-signals.effects.elevated')}</strong>
      )}
    </Alert>
  );
}
