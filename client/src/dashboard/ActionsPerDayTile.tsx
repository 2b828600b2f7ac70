import { Box, Link as MuiLink, Stack } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { Link, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { useActionLabel } from '../audit-events/fields';
import { useDateLocale } from '../cases/useFormatTime';
import { DashboardTile } from './DashboardTile';
import { listLink, useDashboard } from './useDashboard';

const DAY_MS = 86_400_000;

/** Actions per UTC day by type, 14 days, stacked; a bar opens that day's trail for that action. */
export function ActionsPerDayTile() {
  const translate = useTranslate();
  const actionLabel = useActionLabel();
  const tag = useDateLocale();
  const navigate = useNavigate();
  const { data, isPending, isError } = useDashboard('actions');
  const dayLabel = (iso: string) =>
    new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(iso));
  const label = (action: string) =>
    action === 'other' ? translate('app.dashboard.tiles.other_actions') : actionLabel(action);
  const trailOf = (action: string, from: number, to: number) =>
    listLink('audit-events', action === 'other' ? { from, to } : { action, from, to });
  return (
    <DashboardTile
      id="actions-per-day"
      title="app.dashboard.tiles.actions_per_day"
      link={
        data && {
          to: listLink('audit-events', { from: data.from, to: data.to }),
          label: 'app.dashboard.tiles.open_trail',
        }
      }
      loading={isPending}
      failed={isError}
    >
      {data && (
        <>
          <Box role="img" aria-label={translate('app.dashboard.tiles.actions_chart_label')}>
            <BarChart
              height={300}
              xAxis={[{ scaleType: 'band', data: data.days, valueFormatter: dayLabel }]}
              series={data.series.map((s) => ({
                id: s.action,
                data: s.data,
                label: label(s.action),
                stack: 'all',
              }))}
              onItemClick={(_event, item) => {
                const day = data.days[item.dataIndex];
                if (!day) return;
                const from = Date.parse(day);
                void navigate(trailOf(String(item.seriesId), from, from + DAY_MS - 1));
              }}
              margin={{ left: 8, right: 8 }}
            />
          </Box>
          <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap" sx={{ mt: 1 }}>
            {data.series.map((s) => (
              <MuiLink
                key={s.action}
                component={Link}
                to={trailOf(s.action, data.from, data.to)}
                variant="body2"
              >
                {translate('app.dashboard.tiles.action_total', {
                  action: label(s.action),
                  count: s.data.reduce((a, b) => a + b, 0),
                })}
              </MuiLink>
            ))}
          </Stack>
        </>
      )}
    </DashboardTile>
  );
}
