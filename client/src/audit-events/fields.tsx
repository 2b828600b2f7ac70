import BlockIcon from '@mui/icons-material/Block';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutline';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import { Box, Chip, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import type { AuditOutcome } from '../../../shared/domain';
import type { AuditEvent } from '../api/types';
import { useDateLocale } from '../cases/useFormatTime';

/** `2025-03-05 14:07:09 UTC`: the form the security team compares with other systems' logs. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The event time in the reader's language and time zone, with the UTC time under it. */
export function EventTime({ at }: { at: number }) {
  const tag = useDateLocale();
  const local = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(at),
  );
  return (
    <Box component="span" sx={{ display: 'flex', flexDirection: 'column' }}>
      <span>{local}</span>
      <Typography component="span" variant="caption" color="text.secondary">
        {formatUtc(at)}
      </Typography>
    </Box>
  );
}

/**
 * One line for the dense list: local time in the console's date form (as every other list), to the second since
 * the security team lines it up with other logs; the UTC time on hover and in the event itself.
 */
export function EventTimeLine({ at }: { at: number }) {
  const tag = useDateLocale();
  const local = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(at),
  );
  return (
    <Box component="span" title={formatUtc(at)} sx={{ whiteSpace: 'nowrap' }}>
      {local}
    </Box>
  );
}

/** A known action in the reader's language (account.unlock → "Unlock account"); an unknown one raw. */
export function useActionLabel() {
  const translate = useTranslate();
  return (action: string) => translate(`resources.audit-events.actions.${action}`, { _: action });
}

/**
 * "Full Name · Role" (the username on hover); a failed sign-in has only the typed username and no role, a
 * system event neither.
 */
export function ActorText({ record }: { record: AuditEvent }) {
  const translate = useTranslate();
  const name = record.actorName ?? record.actorUsername ?? translate('resources.audit-events.system_actor');
  const role = record.actorRole ? translate(`app.roles.${record.actorRole}`, { _: record.actorRole }) : null;
  // Name and role each stay whole and part at the dot when the pair is long: "name · role" kept on one line
  // made the English list wider than the screen at 1440 px and squeezed the target column into four lines.
  return (
    <Box
      component="span"
      title={record.actorUsername ?? undefined}
      sx={{ display: 'inline-block', maxWidth: '12em' }}
    >
      <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
        {name}
      </Box>
      {/* the break opportunity: a space inside a nowrap span is none */}
      {role ? ' ' : null}
      {role ? (
        <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
          · {role}
        </Box>
      ) : null}
    </Box>
  );
}

/**
 * What an event concerns, as people name it: a customer by account number (a link to the account) and masked
 * name, a staff member by full name, a case by number; the customer of a case-only action is named too.
 */
export function TargetText({ record }: { record: AuditEvent }) {
  const translate = useTranslate();
  if (!record.targetType) return null;
  const type = translate(`resources.audit-events.target_types.${record.targetType}`, {
    _: record.targetType,
  });
  const own =
    record.targetType === 'account' && record.account
      ? null
      : record.targetName
        ? translate('resources.audit-events.target_named', { type, name: record.targetName })
        : record.targetId
          ? `${type} #${record.targetId}`
          : type;
  // The type and name may wrap between words; the account number and its masked name stay on one line.
  return (
    <Box component="span">
      {own}
      {own && record.account ? ' · ' : null}
      {record.account ? (
        <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
          <Link
            to={`/accounts/${record.account.accountId}/show`}
            onClick={(e: { stopPropagation: () => void }) => e.stopPropagation()}
          >
            {record.account.accountNumber}
          </Link>{' '}
          {record.account.maskedName}
        </Box>
      ) : null}
    </Box>
  );
}

// Denied and error share the warning red (the default orange is below 4.5:1 contrast); the icon and word tell them apart.
const LOOK = {
  success: { icon: <CheckCircleOutlineIcon aria-hidden />, color: 'success', variant: 'outlined' },
  denied: { icon: <BlockIcon aria-hidden />, color: 'error', variant: 'outlined' },
  error: { icon: <ErrorOutlineIcon aria-hidden />, color: 'error', variant: 'filled' },
} as const;

/** The outcome in words with an icon; the colour only repeats what the text says. */
export function OutcomeChip({ outcome }: { outcome: AuditOutcome }) {
  const translate = useTranslate();
  const look = LOOK[outcome];
  return (
    <Chip
      size="small"
      variant={look.variant}
      icon={look.icon}
      color={look.color}
      label={translate(`resources.audit-events.outcomes.${outcome}`, { _: outcome })}
    />
  );
}
