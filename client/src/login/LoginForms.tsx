import { Box, Button, TextField } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useTranslate } from 'react-admin';

type FormProps = { busy: boolean; errorId?: string };

/** The browser's own validation bubbles would speak the browser's language, so checks are ours (noValidate). */
export function PasswordForm({
  busy,
  errorId,
  onMissing,
  onSubmit,
}: FormProps & { onMissing: () => void; onSubmit: (username: string, password: string) => Promise<void> }) {
  const translate = useTranslate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) return onMissing();
    await onSubmit(username.trim(), password);
    // Whatever happened, a typed password never stays on screen after a try.
    setPassword('');
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={submit}
      sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
    >
      <TextField
        id="username"
        name="username"
        label={translate('app.login.username')}
        autoComplete="username"
        autoFocus
        required
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={Boolean(errorId)}
        slotProps={{ htmlInput: { 'aria-describedby': errorId, autoCapitalize: 'none', spellCheck: false } }}
      />
      <TextField
        id="password"
        name="password"
        type="password"
        label={translate('app.login.password')}
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={Boolean(errorId)}
        slotProps={{ htmlInput: { 'aria-describedby': errorId } }}
      />
      <Button type="submit" variant="contained" size="large" disabled={busy}>
        {translate('app.login.submit')}
      </Button>
    </Box>
  );
}

export function CodeForm({
  busy,
  errorId,
  onInvalid,
  onSubmit,
  onRestart,
}: FormProps & { onInvalid: () => void; onSubmit: (code: string) => Promise<void>; onRestart: () => void }) {
  const translate = useTranslate();
  const [code, setCode] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) return onInvalid();
    await onSubmit(digits);
    setCode('');
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={submit}
      sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
    >
      <TextField
        id="code"
        name="code"
        label={translate('app.login.code')}
        autoComplete="one-time-code"
        autoFocus
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={Boolean(errorId)}
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 7, 'aria-describedby': errorId } }}
      />
      <Button type="submit" variant="contained" size="large" disabled={busy}>
        {translate('app.login.verify')}
      </Button>
      <Button type="button" onClick={onRestart}>
        {translate('app.login.start_again')}
      </Button>
    </Box>
  );
}
