import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { Alert, Box, Button } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../api/dataProvider';
import type { ChainReport } from '../api/types';

function reportText(translate: ReturnType<typeof useTranslate>, report: ChainReport) {
  return report.ok
    ? translate('resources.audit-events.verify.intact', { count: report.checked })
    : translate('resources.audit-events.verify.broken', { id: report.firstBrokenId ?? '?' });
}

/**
 * Walks the whole hash chain on the server (itself an audited action). The answer stays on screen, not only in a
 * toast: "intact" is what the supervisor reports, "broken at row #id" is where the investigation starts.
 */
export function VerifyChainButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<AppDataProvider>();
  const mutation = useMutation({
    mutationFn: () => dataProvider.verifyAuditChain(),
    onSuccess: (report) =>
      notify(reportText(translate, report), {
        type: report.ok ? 'success' : 'error',
        autoHideDuration: 4000,
      }),
    onError: () => notify('resources.audit-events.verify.failed', { type: 'error' }),
  });
  const report = mutation.data;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
      <Button
        size="small"
        startIcon={<VerifiedUserIcon aria-hidden />}
        onClick={() => mutation.mutate()}
        disabled={mutation.isPending}
      >
        {translate(
          mutation.isPending
            ? 'resources.audit-events.verify.running'
            : 'resources.audit-events.verify.button',
        )}
      </Button>
      {report && (
        <Alert
          data-testid="audit-verify-result"
          data-ok={String(report.ok)}
          severity={report.ok ? 'success' : 'error'}
          variant={report.ok ? 'outlined' : 'filled'}
          role="status"
          sx={{ py: 0, fontWeight: 'bold' }}
        >
          {reportText(translate, report)}
        </Alert>
      )}
    </Box>
  );
}
