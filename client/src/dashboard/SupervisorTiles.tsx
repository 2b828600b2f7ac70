import { Box } from '@mui/material';
import { ActionsPerDayTile } from './ActionsPerDayTile';
import { LocksTile } from './LocksTile';
import { LookupsTile } from './LookupsTile';
import { QueuesTile } from './QueuesTile';

/** The supervisors' tiles (issue 11, point 3): each its own request, each linking to the list it counts. */
export function SupervisorTiles() {
  return (
    <Box
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr', xl: '2fr 1fr 1fr' }, gap: 2 }}
    >
      <Box sx={{ gridColumn: { xs: 'auto', md: '1 / -1', xl: 'auto' } }}>
        <ActionsPerDayTile />
      </Box>
      <QueuesTile />
      <LocksTile />
      <LookupsTile />
    </Box>
  );
}
