import { Chip, List, ListItem, ListItemText, Link as MuiLink, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { useDateLocale } from '../cases/useFormatTime';
import { ChartSection } from './ChartSection';
import { DashboardTile } from './DashboardTile';
import { listLink, useDashboard } from './useDashboard';

/** Agents whose lookups far outnumber their cases (7 days), and lookups the desk refused per day. */
export function LookupsTile() {
  const translate = useTranslate();
  const tag = useDateLocale();
  const { data, isPending, isError } = useDashboard('lookups');
  const dayLabel = (iso: string) =>
    new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
  const flagged = data?.agents.filter((a) => a.flags.length > 0) ?? [];
  return (
    <>
      <DashboardTile
        id="lookup-outliers"
        title="app.dashboard.tiles.lookup_outliers"
        link={
          data && {
            to: listLink('agent-activity', { from: data.from }),
            label: 'app.dashboard.tiles.open_activity',
          }
        }
        loading={isPending}
        failed={isError}
      >
        {data && (
          <>
            <Typography variant="body2" color="text.secondary">
              {translate('app.dashboard.tiles.lookup_outliers_help', data.rules)}
            </Typography>
            {data.agents.length > 0 && (
              <ChartSection
                description={`${translate('app.dashboard.tiles.lookup_outliers')}: ${data.agents
                  .map((a) => `${a.fullName ?? a.id} ${a.lookups}/${a.casesOpened}`)
                  .join(', ')}`}
                height={Math.max(120, data.agents.length * 40)}
                layout="horizontal"
                yAxis={[
                  { scaleType: 'band', data: data.agents.map((a) => a.fullName ?? `#${a.id}`), width: 150 },
                ]}
                series={[
                  {
                    data: data.agents.map((a) => a.lookups),
                    label: translate('app.dashboard.tiles.lookups'),
                  },
                  {
                    data: data.agents.map((a) => a.casesOpened),
                    label: translate('app.dashboard.tiles.cases_opened'),
                  },
                ]}
                margin={{ right: 16 }}
              />
            )}
            {flagged.length === 0 ? (
              <Typography color="text.secondary">{translate('app.dashboard.tiles.no_outliers')}</Typography>
            ) : (
              <List dense disablePadding>
                {flagged.map((a) => (
                  <ListItem key={a.id} disableGutters>
                    <ListItemText
                      primary={
                        <MuiLink
                          component={Link}
                          to={listLink('audit-events', {
                            actorId: a.id,
                            action: 'account.lookup',
                            from: data.from,
                          })}
                        >
                          {a.fullName ?? `#${a.id}`}
                        </MuiLink>
                      }
                      secondary={translate('app.dashboard.tiles.lookups_vs_cases', {
                        lookups: a.lookups,
                        cases: a.casesOpened,
                      })}
                    />
                    {a.flags.map((f) => (
                      <Chip
                        key={f}
                        size="small"
                        color="warning"
                        variant="outlined"
                        label={translate(`resources.agent-activity.flags.${f}`)}
                      />
                    ))}
                  </ListItem>
                ))}
              </List>
            )}
          </>
        )}
      </DashboardTile>
      <DashboardTile
        id="refused-lookups"
        title="app.dashboard.tiles.refused_lookups"
        link={
          data && {
            to: listLink('audit-events', { action: 'account.lookup', outcome: 'denied', from: data.from }),
            label: 'app.dashboard.tiles.open_refused',
          }
        }
        loading={isPending}
        failed={isError}
      >
        {data && (
          <ChartSection
            heading={
              <Typography variant="h4" component="p">
                {data.refusedLookups.total}
              </Typography>
            }
            description={translate('app.dashboard.tiles.refused_chart_label', {
              count: data.refusedLookups.total,
            })}
            height={160}
            xAxis={[{ scaleType: 'band', data: data.refusedLookups.days, valueFormatter: dayLabel }]}
            series={[
              { data: data.refusedLookups.data, label: translate('app.dashboard.tiles.refused_lookups') },
            ]}
            hideLegend
            margin={{ left: 8, right: 8 }}
          />
        )}
      </DashboardTile>
    </>
  );
}
