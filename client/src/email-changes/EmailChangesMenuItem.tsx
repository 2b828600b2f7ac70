import { Box, Chip } from '@mui/material';
import { Menu as RaMenu, useGetList, usePermissions, useTranslate } from 'react-admin';
import type { EmailChangeView } from '../api/types';

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/**
 * "Email changes", with the number of requests awaiting a supervisor's decision beside it for supervisors (an
 * agent's entry lists their own requests, with no queue to count). Refreshed every minute and on every refresh.
 */
export function EmailChangesMenuItem() {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const { total } = useGetList<EmailChangeView>(
    'email-changes',
    {
      filter: { status: 'pending_approval' },
      sort: { field: 'createdAt', order: 'DESC' },
      pagination: { page: 1, perPage: 1 },
    },
    { enabled: permissions === 'supervisor', refetchInterval: 60_000 },
  );
  const label = translate('resources.email-changes.name', { smart_count: 2 });
  const pending = permissions === 'supervisor' && total ? total : 0;
  return (
    <RaMenu.ResourceItem
      name="email-changes"
      primaryText={
        <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
          {label}
          {pending > 0 && (
            <>
              <Chip
                size="small"
                color="primary"
                label={pending}
                aria-hidden
                data-testid="email-changes-pending"
              />
              <Box component="span" sx={VISUALLY_HIDDEN}>
                {translate('resources.email-changes.pending_badge', { count: pending })}
              </Box>
            </>
          )}
        </Box>
      }
    />
  );
}
