import { Alert, Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useDataProvider, useLogout, useNotify, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../api/dataProvider';
import { errorBody, errorStatus } from '../api/httpClient';
import { rememberIdentity } from '../authProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';

const MIN_PASSWORD = 12;
const ERROR_ID = 'password-change-error';

/** Which message a refused change gets: the field the server named, or the lock. */
function problemKey(error: unknown): string {
  const status = errorStatus(error);
  const fields = Object.keys(errorBody(error).errors ?? {});
  if (status === 423) return 'locked';
  if (fields.includes('currentPassword')) return 'current';
  if (fields.includes('newPassword')) return 'invalid';
  return 'generic';
}

/**
 * What a member signed in with a temporary password sees instead of the console: every other route answers
 * 403 until they choose their own password (docs/design.md, Staff lifecycle).
 */
export function ChangePasswordPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const logout = useLogout();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: () => dataProvider.changeOwnPassword(current, next),
    onSuccess: async (identity) => {
      rememberIdentity(identity);
      notify('app.password_change.done', { type: 'success' });
      // Identity and every access answer were asked while the password was temporary: ask again.
      await queryClient.invalidateQueries();
    },
    onError: (error) => {
      setProblem(problemKey(error));
      setCurrent('');
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (change.isPending) return;
    if (next.length < MIN_PASSWORD) return setProblem('too_short');
    if (next !== repeat) return setProblem('mismatch');
    setProblem(null);
    change.mutate();
  };

  const described = problem ? { 'aria-describedby': ERROR_ID } : {};
  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', p: 2 }}
    >
      <Card sx={{ width: '100%', maxWidth: 460 }}>
        <CardContent
          component="form"
          noValidate
          onSubmit={submit}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 3 }}
        >
          <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
            <LanguageSwitch />
          </Box>
          <Typography component="h1" variant="h5">
            {translate('app.password_change.heading')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {translate('app.password_change.intro')}
          </Typography>
          {problem && (
            <Alert severity="error" id={ERROR_ID}>
              {translate(`app.password_change.errors.${problem}`)}
            </Alert>
          )}
          <TextField
            type="password"
            name="current-password"
            autoComplete="current-password"
            autoFocus
            required
            label={translate('app.password_change.current')}
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            slotProps={{ htmlInput: described }}
          />
          <TextField
            type="password"
            name="new-password"
            autoComplete="new-password"
            required
            label={translate('app.password_change.new')}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            slotProps={{ htmlInput: described }}
          />
          <TextField
            type="password"
            name="repeat-password"
            autoComplete="new-password"
            required
            label={translate('app.password_change.repeat')}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            slotProps={{ htmlInput: described }}
          />
          <Button type="submit" variant="contained" size="large" disabled={change.isPending}>
            {translate('app.password_change.submit')}
          </Button>
          <Button onClick={() => logout()}>{translate('app.password_change.sign_out')}</Button>
        </CardContent>
      </Card>
    </Box>
  );
}
