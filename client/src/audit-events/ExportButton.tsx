import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useListContext, useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../api/dataProvider';
import { exportFilter, saveCsvFile } from './auditFormat';

/** Downloads the CSV of exactly the rows the current filter selects (all pages); the server audits the export. */
export function ExportButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<AppDataProvider>();
  const { filterValues, total } = useListContext();
  const [locale] = useLocaleState();
  const mutation = useMutation({
    mutationFn: () => dataProvider.exportAuditCsv(exportFilter(filterValues), locale === 'zh' ? 'zh' : 'en'),
    onSuccess: (csv) => saveCsvFile(csv),
    onError: () => notify('resources.audit-events.export.failed', { type: 'error' }),
  });
  return (
    <Button
      size="small"
      startIcon={<DownloadIcon aria-hidden />}
      onClick={() => mutation.mutate()}
      disabled={mutation.isPending || total === 0}
    >
      {translate('resources.audit-events.export.button')}
    </Button>
  );
}
