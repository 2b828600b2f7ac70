import { Box, Chip, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Datagrid, FunctionField, List, TextField, useTranslate } from 'react-admin';
import type { EscalationRecord } from '../api/types';

/** New escalations appear without a reload: the list asks again every few seconds (and on focus). */
export const QUEUE_POLL_MS = 4_000;

/** Minutes (or seconds) since the case was escalated, ticking while the page is open. */
function useNow(everyMs = 1_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function Age({ since }: { since: number }) {
  const translate = useTranslate();
  const seconds = Math.max(0, Math.floor((useNow() - since) / 1000));
  return (
    <span data-testid="escalation-age">
      {seconds < 60
        ? translate('resources.escalations.age_seconds', { seconds })
        : translate('resources.escalations.age', { minutes: Math.floor(seconds / 60) })}
    </span>
  );
}

function Checks({ record }: { record: EscalationRecord }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.checks.map((c, i) => (
        <Chip
          // biome-ignore lint/suspicious/noArrayIndexKey: checks repeat a factor; their order is the key
          key={i}
          size="small"
          variant="outlined"
          color={c.matched ? 'success' : 'error'}
          label={`${translate(`journey.factors.${c.factor}`)}: ${translate(c.matched ? 'journey.factorStates.matched' : 'journey.factorStates.mismatched')}`}
        />
      ))}
    </Stack>
  );
}

/**
 * The supervisors' queue (docs/design.md, Case ownership and escalation): oldest first, with what to
 * read before taking a case. A row opens the case on its account page, where "Take this case" is.
 */
export function EscalationList() {
  const translate = useTranslate();
  return (
    <List
      resource="escalations"
      title={translate('resources.escalations.title')}
      sort={{ field: 'escalatedAt', order: 'ASC' }}
      exporter={false}
      queryOptions={{ refetchInterval: QUEUE_POLL_MS }}
      empty={
        <Box sx={{ p: 2 }}>
          <Typography>{translate('resources.escalations.empty')}</Typography>
        </Box>
      }
    >
      <Datagrid
        bulkActionButtons={false}
        rowClick={(id, _r, record) => `/accounts/${(record as EscalationRecord).accountId}/show?case=${id}`}
      >
        <TextField source="id" label="resources.escalations.fields.id" />
        <FunctionField<EscalationRecord>
          label="resources.escalations.fields.account"
          render={(r) => (
            <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{`${r.fullName} · ${r.accountNumber}`}</Box>
          )}
        />
        <FunctionField<EscalationRecord>
          label="resources.escalations.fields.accountStatus"
          render={(r) =>
            [
              translate(`journey.statuses.${r.accountStatus}`, { _: r.accountStatus }),
              r.lockReason ? translate(`journey.lockReasons.${r.lockReason}`, { _: r.lockReason }) : null,
            ]
              .filter(Boolean)
              .join(' · ')
          }
        />
        <FunctionField<EscalationRecord>
          source="level"
          label="resources.escalations.fields.level"
          render={(r) => translate('journey.level.badge', { level: r.level })}
        />
        <FunctionField<EscalationRecord>
          label="resources.escalations.fields.checks"
          render={(r) => <Checks record={r} />}
        />
        <FunctionField<EscalationRecord>
          label="resources.escalations.fields.riskSignals"
          render={(r) =>
            r.riskSignals.map((s) => (
              <Chip
                key={s}
                size="small"
                color="error"
                label={translate(`resources.cases.resolutions.${s}`)}
              />
            ))
          }
        />
        <FunctionField<EscalationRecord>
          label="resources.escalations.fields.escalatedBy"
          render={(r) => r.escalatedByUsername ?? ''}
        />
        <TextField source="escalationReason" label="resources.escalations.fields.escalationReason" />
        <FunctionField<EscalationRecord>
          label="resources.escalations.fields.notes"
          render={(r) =>
            r.notes.length
              ? r.notes.map((n) => (
                  <Typography key={n.id} variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                    {n.text}
                  </Typography>
                ))
              : translate('resources.escalations.no_notes')
          }
        />
        <FunctionField<EscalationRecord>
          source="escalatedAt"
          label="resources.escalations.fields.age"
          render={(r) => <Age since={r.escalatedAt ?? r.openedAt} />}
        />
      </Datagrid>
    </List>
  );
}
