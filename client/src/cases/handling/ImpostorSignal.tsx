import { Alert } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import type { ImpostorReportRecord } from '../../api/types';
import { useFormatTime } from '../useFormatTime';

/** The account's impostor-suspected signal (docs/design.md, Resolutions), before any action is taken. */
export function ImpostorSignal({ accountId }: { accountId: number }) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const { data, total } = useGetList<ImpostorReportRecord>('impostor-reports', {
    filter: { accountId },
    sort: { field: 'at', order: 'DESC' },
    pagination: { page: 1, perPage: 1 },
  });
  const last = data?.[0];
  if (!last) return null;
  return (
    <Alert severity="error" sx={{ mb: 2 }} data-testid="impostor-signal">
      {translate('resources.cases.impostor.signal', { count: total ?? 1, time: formatTime(last.at) })}
    </Alert>
  );
}
