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

type CodeFormProps = FormProps & {
  onInvalid: () => void;
  onSubmit: (code: string) => Promise<void>;
  onRestart: () => void;
  /** Switches between the authenticator code and a recovery code. */
  onSwitch: () => void;
};

/** The authenticator's 6 digits, or (`recovery`) one of the member's recovery codes, `ABCDE-23456`. */
export function CodeForm({
  busy,
  errorId,
  recovery = false,
  onInvalid,
  onSubmit,
  onRestart,
  onSwitch,
}: CodeFormProps & { recovery?: boolean }) {
  const translate = useTranslate();
  const [code, setCode] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = recovery ? code.replace(/[\s-]/g, '') : code.replace(/\s/g, '');
    if (!(recovery ? /^[a-z0-9]{10}$/i : /^\d{6}$/).test(typed)) return onInvalid();
    await onSubmit(recovery ? code.trim() : typed);
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
        key={recovery ? 'recovery' : 'code'}
        id={recovery ? 'recovery-code' : 'code'}
        name={recovery ? 'recovery-code' : 'code'}
        label={translate(recovery ? 'app.login.recovery_code' : 'app.login.code')}
        autoComplete={recovery ? 'off' : 'one-time-code'}
        autoFocus
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={Boolean(errorId)}
        slotProps={{
          htmlInput: recovery
            ? { maxLength: 20, autoCapitalize: 'characters', spellCheck: false, 'aria-describedby': errorId }
            : { inputMode: 'numeric', maxLength: 7, 'aria-describedby': errorId },
        }}
      />
      <Button type="submit" variant="contained" size="large" disabled={busy}>
        {translate('app.login.verify')}
      </Button>
      <Button
        type="button"
        onClick={() => {
          setCode('');
          onSwitch();
        }}
      >
        {translate(recovery ? 'app.login.use_authenticator' : 'app.login.use_recovery')}
      </Button>
      <Button type="button" onClick={onRestart}>
        {translate('app.login.start_again')}
      </Button>
    </Box>
  );
}
