import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useListContext, useNotify, useTranslate } from 'react-admin';
import { downloadAuditCsv } from './api';

/** Downloads the CSV of exactly the rows the current filter selects (all pages); the server audits the export. */
export function ExportButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const { filterValues, total } = useListContext();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      await downloadAuditCsv(filterValues);
    } catch {
      notify('resources.audit-events.export.failed', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      startIcon={<DownloadIcon aria-hidden />}
      onClick={onClick}
      disabled={busy || total === 0}
    >
      {translate('resources.audit-events.export.button')}
    </Button>
  );
}
