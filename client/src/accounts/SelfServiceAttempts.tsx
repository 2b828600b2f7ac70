import { Alert, AlertTitle, List, ListItem } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import type { MessageView } from '../api/types';
import { useFormatTime } from '../cases/useFormatTime';

/**
 * "I never got the email" as a one-look answer (docs/design.md, Self-service password reset): the
 * customer's own reset requests on /wallet/forgot-password, when, by which channel, to which masked
 * address, and whether the message was delivered.
 */
export function SelfServiceAttempts({ accountId }: { accountId: number }) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const { data } = useGetList<MessageView>('messages', {
    filter: { accountId, template: 'self_service_reset_link' },
    sort: { field: 'createdAt', order: 'DESC' },
    pagination: { page: 1, perPage: 3 },
  });
  if (!data?.length) return null;
  return (
    <Alert severity="info" role="status" sx={{ mb: 2 }} data-testid="self-service-attempts">
      <AlertTitle>{translate('resources.self-service.title')}</AlertTitle>
      <List dense disablePadding sx={{ listStyle: 'disc', pl: 2 }}>
        {data.map((m) => (
          <ListItem key={m.id} sx={{ display: 'list-item', p: 0 }} data-status={m.status}>
            {translate('resources.self-service.attempt', {
              time: formatTime(m.createdAt),
              channel: translate(`resources.self-service.channels.${m.channel}`),
              recipient: m.recipientMasked,
              status: translate(`resources.self-service.statuses.${m.status}`, {
                time: formatTime(m.sentAt),
                error: m.lastError ?? '',
              }),
            })}
          </ListItem>
        ))}
      </List>
    </Alert>
  );
}
