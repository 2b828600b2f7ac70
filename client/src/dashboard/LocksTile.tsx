import { Link as MuiLink, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link, useTranslate } from 'react-admin';
import { ChartSection } from './ChartSection';
import { DashboardTile } from './DashboardTile';
import { listLink, useDashboard } from './useDashboard';

type ByReason = { reason: string; count: number }[];

function ReasonBars({
  rows,
  label,
  empty,
  heading,
}: {
  rows: ByReason;
  label: string;
  empty: string;
  heading: ReactNode;
}) {
  const translate = useTranslate();
  const reason = (r: string) =>
    translate(`journey.lockReasons.${r}`, { _: translate('app.dashboard.tiles.unknown_reason') });
  return (
    <ChartSection
      heading={heading}
      description={`${translate(label)}: ${rows.map((r) => `${reason(r.reason)} ${r.count}`).join(', ')}`}
      emptyText={rows.length === 0 ? translate(empty) : null}
      height={Math.max(90, rows.length * 44)}
      layout="horizontal"
      yAxis={[{ scaleType: 'band', data: rows.map((r) => reason(r.reason)), width: 140 }]}
      series={[{ data: rows.map((r) => r.count), label: translate(label) }]}
      hideLegend
      margin={{ right: 16 }}
    />
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
          <ReasonBars
            rows={data.lockedNow}
            label="app.dashboard.tiles.locked_now_series"
            empty="app.dashboard.tiles.none_locked"
            heading={
              <Typography component="h3" variant="subtitle2">
                {translate('app.dashboard.tiles.locked_now', {
                  count: data.lockedNow.reduce((a, b) => a + b.count, 0),
                })}
              </Typography>
            }
          />
          <ReasonBars
            rows={data.unlocks}
            label="app.dashboard.tiles.unlocks_series"
            empty="app.dashboard.tiles.no_unlocks"
            heading={
              <Typography component="h3" variant="subtitle2" sx={{ mt: 1 }}>
                <MuiLink
                  component={Link}
                  to={listLink('audit-events', {
                    action: 'account.unlock',
                    outcome: 'success',
                    from: data.from,
                  })}
                >
                  {translate('app.dashboard.tiles.unlocks', {
                    count: data.unlocks.reduce((a, b) => a + b.count, 0),
                  })}
                </MuiLink>
              </Typography>
            }
          />
        </>
      )}
    </DashboardTile>
  );
}
