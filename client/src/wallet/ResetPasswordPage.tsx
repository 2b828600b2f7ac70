import {
  Alert,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useWalletI18n } from './translate';
import { useFocusOnMount } from './useFocusOnMount';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type ResetOutcome, resetPassword } from './walletApi';

type FieldErrors = { newPassword?: string; repeat?: string };

const FORM_PROBLEMS: Partial<Record<ResetOutcome, string>> = {
  too_many: 'app.wallet.reset.errors.too_many',
  network: 'app.wallet.reset.errors.network',
  unexpected: 'app.wallet.reset.errors.unexpected',
};

/** A finished page (success or a spent link): a heading that takes the focus, and its words. */
function Outcome({
  title,
  lines,
  severity,
}: {
  title: string;
  lines: string[];
  severity: 'success' | 'error';
}) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <Card>
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 3 }}>
        <Typography component="h1" variant="h5" ref={headingRef} tabIndex={-1}>
          {title}
        </Typography>
        <Alert severity={severity} role="status">
          {lines.map((line) => (
            <Typography key={line} variant="body2" sx={{ '& + &': { mt: 1 } }}>
              {line}
            </Typography>
          ))}
        </Alert>
      </CardContent>
    </Card>
  );
}

/**
 * The page behind the reset link: the rule first, two password fields, Enter submits. The token
 * came from the link (already wiped from the address bar) and lives only in this component.
 */
export function ResetPasswordPage({ token }: { token: string }) {
  const { t } = useWalletI18n();
  const [phase, setPhase] = useState<'form' | 'changed' | 'link_expired'>('form');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [visible, setVisible] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problemKey, setProblemKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useFocusOnMount<HTMLInputElement>();
  const repeatRef = useRef<HTMLInputElement>(null);

  const title =
    phase === 'changed'
      ? t('app.wallet.reset.done_title')
      : phase === 'link_expired'
        ? t('app.wallet.reset.errors.expired_title')
        : t('app.wallet.reset.title');
  useEffect(() => {
    document.title = `${title} · ${t('app.wallet.brand')}`;
  }, [title, t]);

  if (phase === 'changed') {
    const lines = [t('app.wallet.reset.done_text'), t('app.wallet.reset.done_devices')];
    return <Outcome title={title} lines={lines} severity="success" />;
  }
  if (phase === 'link_expired') {
    return <Outcome title={title} lines={[t('app.wallet.reset.errors.expired')]} severity="error" />;
  }

  const rule = t('app.wallet.reset.errors.too_short', { min: MIN_PASSWORD_LENGTH });

  function check(): FieldErrors {
    if (password.length < MIN_PASSWORD_LENGTH) return { newPassword: rule };
    if (password.length > MAX_PASSWORD_LENGTH) {
      return { newPassword: t('app.wallet.reset.errors.too_long', { max: MAX_PASSWORD_LENGTH }) };
    }
    if (repeat !== password) return { repeat: t('app.wallet.reset.errors.mismatch') };
    return {};
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setProblemKey(null);
    const errors = check();
    setFieldErrors(errors);
    if (errors.newPassword) return passwordRef.current?.focus();
    if (errors.repeat) return repeatRef.current?.focus();

    setBusy(true);
    const outcome = await resetPassword(token, password);
    setBusy(false);
    if (outcome === 'changed' || outcome === 'link_expired') {
      // The passwords leave memory with the form; the spent token is dropped with this page.
      setPassword('');
      setRepeat('');
      setPhase(outcome);
    } else if (outcome === 'password_rejected') {
      setFieldErrors({ newPassword: rule });
      passwordRef.current?.focus();
    } else {
      setProblemKey(FORM_PROBLEMS[outcome] ?? 'app.wallet.reset.errors.unexpected');
    }
  }

  const type = visible ? 'text' : 'password';
  return (
    <Card>
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 3 }}>
        <Typography component="h1" variant="h5" id="reset-title">
          {title}
        </Typography>
        <Typography variant="body2">{t('app.wallet.reset.intro', { min: MIN_PASSWORD_LENGTH })}</Typography>
        {problemKey && (
          <Alert severity="error" role="alert">
            {t(problemKey)}
          </Alert>
        )}
        <form noValidate onSubmit={submit} aria-labelledby="reset-title">
          <TextField
            inputRef={passwordRef}
            label={t('app.wallet.reset.new_password')}
            type={type}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={Boolean(fieldErrors.newPassword)}
            helperText={fieldErrors.newPassword ?? rule}
            fullWidth
            margin="dense"
            required
          />
          <TextField
            inputRef={repeatRef}
            label={t('app.wallet.reset.repeat_password')}
            type={type}
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            error={Boolean(fieldErrors.repeat)}
            helperText={fieldErrors.repeat ?? ' '}
            fullWidth
            margin="dense"
            required
          />
          <FormControlLabel
            control={<Checkbox checked={visible} onChange={(e) => setVisible(e.target.checked)} />}
            label={t('app.wallet.reset.show_passwords')}
          />
          <Button type="submit" variant="contained" fullWidth size="large" disabled={busy} sx={{ mt: 1 }}>
            {busy ? t('app.wallet.reset.busy') : t('app.wallet.reset.submit')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
