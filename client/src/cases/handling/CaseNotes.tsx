import { Box, Button, List, ListItem, ListItemText, TextField, Typography } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { CaseView } from '../../api/types';
import { useFormatTime } from '../useFormatTime';
import { secretMessage, useHandlingMutation } from './useHandlingMutation';

const MAX_NOTE = 2000;

/** The case's notes, oldest first, and a box for a new one when the reader owns the case (docs/design.md, Case notes). */
export function CaseNotes({ kase }: { kase: CaseView }) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const mutation = useHandlingMutation((dp, note: string) => dp.addNote(kase.id, note), {
    done: 'resources.cases.notes.added',
    onSuccess: () => {
      setText('');
      setRefusal(null);
    },
  });
  const canWrite = kase.status === 'open' && kase.caseActions?.act.allowed === true;
  const notes = kase.notes ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || mutation.isPending) return;
    mutation.mutate(text.trim(), { onError: (error) => setRefusal(secretMessage(translate, error)) });
  };
  return (
    <Box component="section" aria-labelledby={`case-${kase.id}-notes`}>
      <Typography id={`case-${kase.id}-notes`} variant="subtitle1" component="h3">
        {translate('resources.cases.notes.heading')}
      </Typography>
      {notes.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.cases.notes.empty')}
        </Typography>
      ) : (
        <List dense disablePadding data-testid="case-notes">
          {notes.map((n) => (
            <ListItem key={n.id} disableGutters>
              <ListItemText
                primary={n.text}
                secondary={translate('resources.cases.notes.by', {
                  author: n.author.fullName,
                  time: formatTime(n.createdAt),
                })}
                slotProps={{ primary: { sx: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } } }}
              />
            </ListItem>
          ))}
        </List>
      )}
      {canWrite && (
        <Box component="form" onSubmit={submit} noValidate sx={{ mt: 1 }}>
          <TextField
            fullWidth
            multiline
            minRows={2}
            name="note"
            autoComplete="off"
            label={translate('resources.cases.notes.label')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setRefusal(null);
            }}
            error={!!refusal}
            helperText={refusal ?? translate('resources.cases.notes.help')}
            slotProps={{ htmlInput: { maxLength: MAX_NOTE } }}
          />
          <Button
            type="submit"
            variant="outlined"
            sx={{ mt: 1 }}
            disabled={!text.trim() || mutation.isPending}
          >
            {translate('resources.cases.notes.add')}
          </Button>
        </Box>
      )}
    </Box>
  );
}
