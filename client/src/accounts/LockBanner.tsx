import { Alert, AlertTitle, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { AccountView } from '../api/types';
import { useFormatTime } from '../cases/useFormatTime';

/**
 * Why and since when the account is locked, until when, and the sign-ins that caused it. role="status" so a screen
 * reader announces it; the words say the state, the colour only repeats it.
 */
export function LockBanner({ account }: { account: AccountView }) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  if (account.status === 'closed') {
    return (
      <Alert severity="info" role="status" sx={{ mb: 2 }}>
        <AlertTitle>{translate('journey.lock.closed')}</AlertTitle>
      </Alert>
    );
  }
  if (account.status !== 'locked') return null;
  const reason = account.lockReason ?? 'unknown';
  const events = account.lockDetails ?? [];
  return (
    <Alert severity="error" role="status" sx={{ mb: 2 }} data-testid="lock-banner">
      <AlertTitle>
        {translate('journey.lock.title', {
          reason: translate(`journey.lockReasons.${reason}`, { _: reason }),
        })}
      </AlertTitle>
      {translate('journey.lock.since', { time: formatTime(account.lockedAt) })}{' '}
      {account.lockedUntil
        ? translate('journey.lock.until', { time: formatTime(account.lockedUntil) })
        : translate('journey.lock.untilSupport')}
      {account.lockedBy && <> {translate('journey.lock.by', { username: account.lockedBy.username })}</>}
      {events.length > 0 && (
        <Table size="small" sx={{ mt: 1 }} aria-label={translate('journey.lock.eventsCaption')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('journey.events.at')}</TableCell>
              <TableCell>{translate('journey.events.outcome')}</TableCell>
              <TableCell>{translate('journey.events.ip')}</TableCell>
              <TableCell>{translate('journey.events.device')}</TableCell>
              <TableCell>{translate('journey.events.country')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {events.map((e) => (
              <TableRow key={`${e.at}-${e.ip}-${e.outcome}`}>
                <TableCell>{formatTime(e.at)}</TableCell>
                <TableCell>{translate(`journey.outcomes.${e.outcome}`, { _: e.outcome })}</TableCell>
                <TableCell>{e.ip}</TableCell>
                <TableCell>{e.device}</TableCell>
                <TableCell>{e.country}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Alert>
  );
}
