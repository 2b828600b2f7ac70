import AlternateEmailIcon from '@mui/icons-material/AlternateEmail';
import LoginIcon from '@mui/icons-material/Login';
import MailOutlineIcon from '@mui/icons-material/MailOutline';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import { Box, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import { type ReactElement, useState } from 'react';
import { Datagrid, FunctionField, Link, Pagination, ReferenceManyField, useTranslate } from 'react-admin';
import type { TimelineEntry, TimelineKind } from '../../../server/src/accounts/timeline';
import type { CaseView } from '../api/types';
import { TimeField } from '../layout/TimeField';

const key = (name: string) => `resources.account-timeline.${name}`;
const KINDS: TimelineKind[] = ['sign_in', 'action', 'message', 'email_change'];
const ICON: Record<TimelineKind, ReactElement> = {
  sign_in: <LoginIcon fontSize="small" aria-hidden />,
  action: <SupportAgentIcon fontSize="small" aria-hidden />,
  message: <MailOutlineIcon fontSize="small" aria-hidden />,
  email_change: <AlternateEmailIcon fontSize="small" aria-hidden />,
};

/** Each kind's "what" in the reader's words, from the texts the lists of that kind already use. */
function useWhat() {
  const translate = useTranslate();
  return (e: TimelineEntry) => {
    switch (e.kind) {
      case 'sign_in':
        return translate(`journey.outcomes.${e.what}`, { _: e.what });
      case 'action':
        return translate(`resources.audit-events.actions.${e.what}`, { _: e.what });
      case 'message':
        return translate(`resources.messages.templates.${e.what}`, { _: e.what });
      case 'email_change':
        return translate(key(`steps.${e.what}`), { _: e.what });
    }
  };
}

function Outcome({ entry }: { entry: TimelineEntry }) {
  const translate = useTranslate();
  if (!entry.outcome || entry.kind === 'sign_in' || entry.kind === 'email_change') return null;
  const key =
    entry.kind === 'message'
      ? `resources.messages.statuses.${entry.outcome}`
      : `resources.audit-events.outcomes.${entry.outcome}`;
  return (
    <Typography component="span" variant="body2" color="text.secondary">
      {' · '}
      {translate(key, { _: entry.outcome })}
    </Typography>
  );
}

function Detail({ entry }: { entry: TimelineEntry }) {
  const translate = useTranslate();
  const parts = [entry.reason, entry.detail].filter(Boolean).join(' · ');
  return (
    <span>
      {parts}
      {entry.caseId ? (
        <>
          {parts ? ' · ' : ''}
          <Link to={`/cases/${entry.caseId}/show`}>{translate(key('case_ref'), { id: entry.caseId })}</Link>
        </>
      ) : null}
    </span>
  );
}

/**
 * The account's story in one list, newest first (docs/design.md, Account timeline): sign-ins, staff actions,
 * messages and email-change steps, filterable by kind. Sign-ins carry IPs and devices, so the server gives
 * them only through an open case on the account (issue 7, finding 6): without one the filter says why they
 * are missing instead of asking and being refused.
 */
export function AccountTimeline({ kase }: { kase: CaseView | null }) {
  const translate = useTranslate();
  const what = useWhat();
  const caseId = kase?.status === 'open' ? kase.id : undefined;
  const [kind, setKind] = useState<TimelineKind | 'all'>('all');
  const shown = kind === 'sign_in' && caseId === undefined ? 'all' : kind;
  const actor = (e: TimelineEntry) =>
    e.actor === 'customer'
      ? translate(key('customer'))
      : (e.actor ?? (e.kind === 'action' ? translate(key('system')) : ''));
  return (
    <Box component="section" aria-labelledby="account-timeline-heading" sx={{ mt: 3 }}>
      <Typography id="account-timeline-heading" variant="h6" component="h2" gutterBottom>
        {translate(key('heading'))}
      </Typography>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={shown}
        onChange={(_e, value: TimelineKind | 'all' | null) => value && setKind(value)}
        aria-label={translate(key('filter_label'))}
        sx={{ mb: 1, flexWrap: 'wrap' }}
      >
        <ToggleButton value="all">{translate(key('kinds.all'))}</ToggleButton>
        {KINDS.map((k) => (
          <ToggleButton
            key={k}
            value={k}
            disabled={k === 'sign_in' && caseId === undefined}
            sx={{ gap: 0.5 }}
          >
            {ICON[k]}
            {translate(key(`kinds.${k}`))}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {caseId === undefined && (
        <Typography
          variant="body2"
          color="text.secondary"
          gutterBottom
          data-testid="timeline-sign-ins-hidden"
        >
          {translate(key('sign_ins_hidden'))}
        </Typography>
      )}
      <ReferenceManyField
        reference="account-timeline"
        target="accountId"
        filter={shown === 'all' ? {} : { kind: shown }}
        queryOptions={{ meta: { caseId } }}
        sort={{ field: 'at', order: 'DESC' }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
        empty={
          <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
            {translate(key('empty'))}
          </Typography>
        }
      >
        <Datagrid bulkActionButtons={false} rowClick={false} size="small" data-testid="account-timeline">
          <TimeField source="at" label={key('fields.at')} />
          <FunctionField<TimelineEntry>
            label={key('fields.what')}
            render={(e) => (
              <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }}>
                {ICON[e.kind]}
                <Box component="span" sx={visuallyHidden}>
                  {`${translate(key(`kinds.${e.kind}`))}: `}
                </Box>
                <span>
                  {what(e)}
                  <Outcome entry={e} />
                </span>
              </Box>
            )}
          />
          <FunctionField<TimelineEntry>
            label={key('fields.by')}
            render={(e) => <Box sx={{ whiteSpace: 'nowrap' }}>{actor(e)}</Box>}
          />
          <FunctionField<TimelineEntry> label={key('fields.detail')} render={(e) => <Detail entry={e} />} />
        </Datagrid>
      </ReferenceManyField>
    </Box>
  );
}
