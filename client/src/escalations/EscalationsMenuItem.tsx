import { Box, Chip } from '@mui/material';
import { Menu as RaMenu, useGetList, useTranslate } from 'react-admin';
import type { EscalationRecord } from '../api/types';
import { QUEUE_POLL_MS } from './EscalationList';

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/** "Escalations" with the number of cases waiting for a supervisor, refreshed as often as the queue itself. */
export function EscalationsMenuItem() {
  const translate = useTranslate();
  const { total } = useGetList<EscalationRecord>(
    'escalations',
    { sort: { field: 'escalatedAt', order: 'ASC' }, pagination: { page: 1, perPage: 1 } },
    { refetchInterval: QUEUE_POLL_MS },
  );
  const waiting = total ?? 0;
  return (
    <RaMenu.ResourceItem
      name="escalations"
      primaryText={
        <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
          {translate('resources.escalations.name', { smart_count: 2 })}
          {waiting > 0 && (
            <>
              <Chip
                size="small"
                color="warning"
                label={waiting}
                aria-hidden
                data-testid="escalations-waiting"
              />
              <Box component="span" sx={VISUALLY_HIDDEN}>
                {translate('resources.escalations.waiting_badge', { count: waiting })}
              </Box>
            </>
          )}
        </Box>
      }
    />
  );
}
