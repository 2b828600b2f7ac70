import {
  Alert,
  AlertTitle,
  Button,
  Collapse,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { AccountView, LockEvent } from '../api/types';
import { useDateLocale, useFormatTime } from '../cases/useFormatTime';

/**
 * Why and since when the account is locked, until when, and the sign-ins that caused it. role="status" so a screen
 * reader announces it; the words say the state, the colour only repeats it.
 */
export function LockBanner({ account }: { account: AccountView }) {
  const translate = useTranslate();
  if (account.status === 'closed') {
    return (
      <Alert severity="info" role="status" sx={{ mb: 2 }}>
        <AlertTitle>{translate('journey.lock.closed')}</AlertTitle>
      </Alert>
    );
  }
  if (account.status !== 'locked') return null;
  return <LockedBanner account={account} />;
}

/** Countries seen, sorted; ZZ (unknown) never counts as a country. */
function countriesOf(events: LockEvent[]): string[] {
  return [...new Set(events.map((e) => e.country).filter((c) => c && c !== 'ZZ'))].sort();
}

/** "1 Dec 2026, 04:42" and, on the same day, just "04:45" for the end of the range. */
function useFormatRange() {
  const formatTime = useFormatTime();
  const locale = useDateLocale();
  return (from: number, to: number) => {
    const sameDay = new Date(from).toDateString() === new Date(to).toDateString();
    const end = sameDay
      ? new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(to))
      : formatTime(to);
    return { from: formatTime(from), to: end };
  };
}

/**
 * The lock in one line ("5 wrong passwords from 2 IP addresses in CN, HK, 04:42–04:45") with the sign-ins
 * folded behind it, so that at 1440×900 the actions and the verification stay in view without scrolling.
 */
function LockedBanner({ account }: { account: AccountView }) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const formatRange = useFormatRange();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const reason = account.lockReason ?? 'unknown';
  const events = account.lockDetails ?? [];
  const failures = events.filter((e) => e.outcome !== 'success');
  const countries = countriesOf(events);
  const times = failures.map((e) => e.at);
  const countryList = countries.join(', ') || '—';
  const summary =
    failures.length === 0
      ? null
      : failures.length === 1
        ? translate('journey.lock.summaryOne', { countries: countryList, from: formatTime(times[0]) })
        : translate('journey.lock.summary', {
            failures: failures.length,
            ips: new Set(failures.map((e) => e.ip)).size,
            countries: countryList,
            ...formatRange(Math.min(...times), Math.max(...times)),
          });
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
      {summary && (
        <Typography variant="body2" sx={{ mt: 0.5 }} data-testid="lock-summary">
          {summary}
        </Typography>
      )}
      {countries.length > 1 && (
        <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 600 }} data-testid="lock-countries-hint">
          {translate('journey.lock.severalCountries', { countries: countryList })}
        </Typography>
      )}
      {events.length > 0 && (
        <Button
          size="small"
          color="inherit"
          sx={{ mt: 0.5, ml: -0.5 }}
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen((was) => !was)}
        >
          {open
            ? translate('journey.lock.hideDetails')
            : translate('journey.lock.showDetails', { count: events.length })}
        </Button>
      )}
      {events.length > 0 && (
        <Collapse in={open} id={detailsId}>
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
        </Collapse>
      )}
    </Alert>
  );
}
