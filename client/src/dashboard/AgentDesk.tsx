import {
  Box,
  Chip,
  List,
  ListItem,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import type { AccountStatus } from '../../../shared/domain';
import { StatusChip } from '../accounts/StatusChip';
import { OutcomeChip, useActionLabel } from '../audit-events/fields';
import { useFormatTime } from '../cases/useFormatTime';
import { AccountRef } from './AccountRef';
import { DashboardTile } from './DashboardTile';
import { listLink, useDashboard } from './useDashboard';

/** This tile's texts live under app.dashboard.agent.* (i18n/en/dashboard.ts). */
const k = (key: string) => `app.dashboard.agent.${key}`;

/** The agent's own desk (issue 11, point 2): my open cases oldest first, what waits on a customer, my last actions. */
export function AgentDesk() {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const actionLabel = useActionLabel();
  const { data, isPending, isError } = useDashboard('agent');
  const state = { loading: isPending, failed: isError };
  return (
    <Box
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 2, alignItems: 'start' }}
    >
      <DashboardTile
        id="my-open-cases"
        title={k('open_cases')}
        link={{ to: listLink('cases', { scope: 'mine', status: 'open' }), label: k('all_my_cases') }}
        {...state}
      >
        {data && data.openCases.rows.length === 0 ? (
          <Typography color="text.secondary">{translate(k('no_open_cases'))}</Typography>
        ) : (
          <>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {translate(k('open_cases_total'), { smart_count: data?.openCases.total ?? 0 })}
            </Typography>
            <Table size="small" aria-labelledby="my-open-cases-title">
              <TableHead>
                <TableRow>
                  <TableCell>{translate(k('columns.case'))}</TableCell>
                  <TableCell>{translate(k('columns.account'))}</TableCell>
                  <TableCell>{translate(k('columns.status'))}</TableCell>
                  <TableCell>{translate(k('columns.level'))}</TableCell>
                  <TableCell>{translate(k('columns.opened'))}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data?.openCases.rows.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell>
                      <Link to={`/cases/${c.id}/show`}>#{c.id}</Link>
                      {c.escalation && (
                        <Chip
                          size="small"
                          variant="outlined"
                          sx={{ ml: 1 }}
                          label={translate(k(`escalation.${c.escalation}`))}
                        />
                      )}
                      {c.frozen && (
                        <Chip
                          size="small"
                          color="error"
                          variant="outlined"
                          sx={{ ml: 1 }}
                          label={translate(k('frozen'))}
                        />
                      )}
                    </TableCell>
                    <TableCell>
                      <AccountRef account={c} />
                    </TableCell>
                    <TableCell>
                      <StatusChip status={c.accountStatus as AccountStatus} lockReason={c.lockReason} />
                    </TableCell>
                    <TableCell>{translate(k('level'), { level: c.level })}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(c.openedAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </DashboardTile>
      <Box sx={{ display: 'grid', gap: 2, alignContent: 'start' }}>
        <DashboardTile id="waiting-on-customer" title={k('waiting')} {...state}>
          {data && data.waiting.length === 0 ? (
            <Typography color="text.secondary">{translate(k('nothing_waiting'))}</Typography>
          ) : (
            <List dense disablePadding>
              {data?.waiting.map((w) => (
                <ListItem key={w.id} disableGutters>
                  <ListItemText
                    primary={
                      <>
                        {translate(k(`waiting_kinds.${w.kind}`), {
                          channel: translate(k(`channels.${w.channel}`)),
                        })}
                        {' · '}
                        <AccountRef account={w} />
                      </>
                    }
                    secondary={translate(k('waiting_since'), {
                      at: formatTime(w.at),
                      until: formatTime(w.until),
                    })}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </DashboardTile>
        <DashboardTile id="my-last-actions" title={k('last_actions')} {...state}>
          {data && data.lastActions.length === 0 ? (
            <Typography color="text.secondary">{translate(k('no_actions'))}</Typography>
          ) : (
            <List dense disablePadding>
              {data?.lastActions.map((a) => (
                <ListItem
                  key={a.id}
                  disableGutters
                  secondaryAction={a.outcome !== 'success' && <OutcomeChip outcome={a.outcome as 'denied'} />}
                >
                  <ListItemText
                    primary={
                      <>
                        {actionLabel(a.action)}
                        {a.target && (
                          <>
                            {' · '}
                            <AccountRef account={a.target} />
                          </>
                        )}
                      </>
                    }
                    secondary={formatTime(a.at)}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </DashboardTile>
      </Box>
    </Box>
  );
}
