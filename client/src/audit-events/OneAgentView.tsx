import {
  Autocomplete,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  ListItemButton,
  ListItemText,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useGetList, useGetOne, useListContext, useTranslate } from 'react-admin';

type StaffOption = { id: number; username: string; fullName: string };

const key = (name: string) => `resources.audit-events.agent_view.${name}`;

/** The view is on when the trail is filtered by one staff member and nothing else. */
export const isOneAgentView = (filters: Record<string, unknown>) =>
  Object.keys(filters).length === 1 && filters.actorId !== undefined;

/**
 * The "one agent's actions" saved view (docs/design.md, Readable trail): it asks whose, then filters the trail
 * to that staff member alone; chosen again, it clears. The agent-activity report links here with the same filter.
 */
export function OneAgentView() {
  const translate = useTranslate();
  const { filterValues, setFilters } = useListContext();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<StaffOption | null>(null);
  const on = isOneAgentView(filterValues);
  const actorId = on ? Number(filterValues.actorId) : 0;
  const { data: current } = useGetOne<StaffOption>('staff', { id: actorId }, { enabled: on && actorId > 0 });
  const { data: staff = [], isPending } = useGetList<StaffOption>(
    'staff',
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'username', order: 'ASC' } },
    { enabled: open },
  );
  const show = () => {
    if (!chosen) return;
    setFilters({ actorId: chosen.id }, {});
    setOpen(false);
  };
  return (
    <>
      <ListItemButton
        dense
        selected={on}
        aria-pressed={on}
        aria-haspopup={on ? undefined : 'dialog'}
        onClick={() => (on ? setFilters({}, {}) : setOpen(true))}
      >
        <ListItemText
          primary={
            on && current ? translate(key('on'), { name: current.fullName }) : translate(key('button'))
          }
        />
      </ListItemButton>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby="one-agent-title"
        fullWidth
        maxWidth="xs"
      >
        <DialogTitle id="one-agent-title">{translate(key('title'))}</DialogTitle>
        <DialogContent>
          <Autocomplete<StaffOption>
            autoHighlight
            openOnFocus
            loading={isPending}
            options={staff}
            value={chosen}
            onChange={(_e, value) => setChosen(value)}
            getOptionLabel={(s) => `${s.fullName} (${s.username})`}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            renderInput={(params) => (
              <TextField {...params} autoFocus label={translate(key('staff'))} margin="dense" />
            )}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate(key('cancel'))}</Button>
          <Button variant="contained" disabled={!chosen} onClick={show}>
            {translate(key('show'))}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
