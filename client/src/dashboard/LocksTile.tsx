import { Box, Link as MuiLink, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { Link, useTranslate } from 'react-admin';
import { DashboardTile } from './DashboardTile';
import { listLink, useDashboard } from './useDashboard';

type ByReason = { reason: string; count: number }[];

function ReasonBars({ rows, label, empty }: { rows: ByReason; label: string; empty: string }) {
  const translate = useTranslate();
  const reason = (r: string) =>
    translate(`journey.lockReasons.${r}`, { _: translate('app.dashboard.tiles.unknown_reason') });
  if (rows.length === 0) return <Typography color="text.secondary">{translate(empty)}</Typography>;
  return (
    <Box
      role="img"
      aria-label={`${translate(label)}: ${rows.map((r) => `${reason(r.reason)} ${r.count}`).join(', ')}`}
    >
      <BarChart
        height={Math.max(90, rows.length * 44)}
        layout="horizontal"
        yAxis={[{ scaleType: 'band', data: rows.map((r) => reason(r.reason)), width: 140 }]}
        series={[{ data: rows.map((r) => r.count), label: translate(label) }]}
        hideLegend
        margin={{ right: 16 }}
      />
    </Box>
  );
}

/** Accounts locked now by reason, and unlocks in 14 days by the lock they lifted. */
export function LocksTile() {
  const translate = useTranslate();
  const { data, isPending, isError } = useDashboard('locks');
  return (
    <DashboardTile
      id="locks"
      title="app.dashboard.tiles.locks"
      link={
        data && {
          to: listLink('audit-events', { action: 'account.unlock', outcome: 'success', from: data.from }),
          label: 'app.dashboard.tiles.open_unlocks',
        }
      }
      loading={isPending}
      failed={isError}
    >
      {data && (
        <>
          <Typography component="h3" variant="subtitle2">
            {translate('app.dashboard.tiles.locked_now', {
              count: data.lockedNow.reduce((a, b) => a + b.count, 0),
            })}
          </Typography>
          <ReasonBars
            rows={data.lockedNow}
            label="app.dashboard.tiles.locked_now_series"
            empty="app.dashboard.tiles.none_locked"
          />
          <Typography component="h3" variant="subtitle2" sx={{ mt: 1 }}>
            <MuiLink
              component={Link}
              to={listLink('audit-events', { action: 'account.unlock', outcome: 'success', from: data.from })}
            >
              {translate('app.dashboard.tiles.unlocks', {
                count: data.unlocks.reduce((a, b) => a + b.count, 0),
              })}
            </MuiLink>
          </Typography>
          <ReasonBars
            rows={data.unlocks}
            label="app.dashboard.tiles.unlocks_series"
            empty="app.dashboard.tiles.no_unlocks"
          />
        </>
      )}
    </DashboardTile>
  );
}
