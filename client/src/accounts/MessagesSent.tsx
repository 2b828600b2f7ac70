import ReplayIcon from '@mui/icons-material/Replay';
import { Box, Button, Chip, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Datagrid,
  FunctionField,
  Pagination,
  ReferenceManyField,
  useDataProvider,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { AppDataProvider } from '../api/dataProvider';
import type { CaseView, MessageView } from '../api/types';
import { useExplainError } from '../cases/useExplainError';
import { TimeField } from '../layout/TimeField';
import { decisionFor } from './CommandButton';
import { ConfirmWithReasonDialog } from './ConfirmWithReasonDialog';

const STATUS_COLOR = { queued: 'default', sent: 'success', failed: 'error' } as const;

/** Puts one message back in the queue, through the open case with a reason (policy action resend_message). */
function ResendButton({ message, kase }: { message: MessageView; kase: CaseView | null }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const explain = useExplainError();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [open, setOpen] = useState(false);
  const decision = decisionFor(kase, 'resend_message');
  const mutation = useMutation({
    mutationFn: (reason: string) => dataProvider.resendMessage(message.id, { caseId: kase!.id, reason }),
    onSuccess: () => {
      setOpen(false);
      notify('resources.messages.resend.done', { type: 'success' });
      refresh();
    },
    onError: (error) => notify(explain(error), { type: 'error' }),
  });
  const template = translate(`resources.messages.templates.${message.template}`, { _: message.template });
  return (
    <>
      <Button
        size="small"
        startIcon={<ReplayIcon />}
        disabled={!decision.allowed || mutation.isPending}
        onClick={() => setOpen(true)}
        aria-label={`${translate('resources.messages.resend.label')}: ${template}, ${message.recipientMasked}`}
      >
        {translate('resources.messages.resend.label')}
      </Button>
      <ConfirmWithReasonDialog
        open={open}
        title={translate('resources.messages.resend.title', { template, recipient: message.recipientMasked })}
        description={translate('resources.messages.resend.description')}
        confirmLabel={translate('resources.messages.resend.label')}
        busy={mutation.isPending}
        error={mutation.error}
        onConfirm={(reason) => mutation.mutate(reason)}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

/**
 * Every message sent to the customer, newest first, with its delivery state, so "the reset email never
 * arrived" is answered on the account page: sent where, when, how many attempts, the last error, and Resend.
 */
export function MessagesSent({ kase }: { kase: CaseView | null }) {
  const translate = useTranslate();
  return (
    <Box
      component="section"
      aria-labelledby="messages-sent-heading"
      sx={{ mt: 3 }}
      data-testid="messages-sent"
    >
      <Typography id="messages-sent-heading" variant="h6" component="h2" gutterBottom>
        {translate('resources.messages.heading')}
      </Typography>
      <ReferenceManyField
        reference="messages"
        target="accountId"
        sort={{ field: 'createdAt', order: 'DESC' }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10, 25]} />}
        empty={
          <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
            {translate('resources.messages.empty')}
          </Typography>
        }
      >
        <Datagrid bulkActionButtons={false} rowClick={false} size="small">
          <TimeField source="createdAt" />
          <FunctionField<MessageView>
            source="template"
            render={(m) => (
              <>
                {translate(`resources.messages.templates.${m.template}`, { _: m.template })}
                <Typography variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
                  {translate(`resources.messages.channels.${m.channel}`)} · {m.recipientMasked}
                </Typography>
              </>
            )}
          />
          <FunctionField<MessageView>
            source="status"
            render={(m) => (
              <>
                <Chip
                  size="small"
                  variant="outlined"
                  color={STATUS_COLOR[m.status]}
                  label={translate(`resources.messages.statuses.${m.status}`)}
                />
                <Typography variant="body2" color="text.secondary" component="span" sx={{ display: 'block' }}>
                  {translate('resources.messages.attemptsCount', { smart_count: m.attempts })}
                  {m.lastError ? ` · ${m.lastError}` : ''}
                </Typography>
              </>
            )}
          />
          <TimeField source="sentAt" emptyText="—" />
          <FunctionField<MessageView> label="" render={(m) => <ResendButton message={m} kase={kase} />} />
        </Datagrid>
      </ReferenceManyField>
    </Box>
  );
}
