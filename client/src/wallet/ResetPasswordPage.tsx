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
import { type FormEvent, useRef, useState } from 'react';
import { LinkNotUsable, linkUsable, Outcome, usePageTitle } from './LinkOutcome';
import { linkMemory, rememberForLink } from './linkToken';
import { useWalletI18n } from './translate';
import { useFocusOnMount } from './useFocusOnMount';
import { useLinkStatus } from './useLinkStatus';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type ResetOutcome, resetPassword } from './walletApi';

type FieldErrors = { newPassword?: string; repeat?: string };
type Finished = 'changed' | 'link_expired';

const FORM_PROBLEMS: Partial<Record<ResetOutcome, string>> = {
  too_many: 'app.wallet.reset.errors.too_many',
  network: 'app.wallet.reset.errors.network',
  unexpected: 'app.wallet.reset.errors.unexpected',
};

/**
 * The page behind the reset link. It first asks whether the link still works: a spent or expired one says so at
 * once, with no form. Then the rule, two password fields, Enter submits. The token came from the link (already
 * wiped from the address bar); a reload keeps it, the language, "show passwords" and a success (linkToken.ts),
 * never the password.
 */
export function ResetPasswordPage({ token, restored }: { token: string; restored: boolean }) {
  const { t } = useWalletI18n();
  const remembered = linkMemory();
  const [finished, setFinished] = useState<Finished | null>(
    remembered?.outcome === 'changed' ? 'changed' : null,
  );
  const status = useLinkStatus(token, 'password_reset', finished !== null);

  if (finished === 'changed') {
    return (
      <Outcome
        title={t('app.wallet.reset.done_title')}
        lines={[t('app.wallet.reset.done_text'), t('app.wallet.reset.done_devices')]}
        severity="success"
      />
    );
  }
  if (finished === 'link_expired') {
    // The server words a link spent or expired meanwhile alike when it is redeemed.
    return (
      <Outcome
        title={t('app.wallet.reset.errors.expired_title')}
        lines={[t('app.wallet.reset.errors.expired')]}
        severity="error"
      />
    );
  }
  if (!linkUsable(status))
    return (
      <LinkNotUsable
        status={status}
        words={{ used: 'app.wallet.reset.errors.link_used', expired: 'app.wallet.reset.errors.link_expired' }}
      />
    );
  return (
    <ResetForm
      token={token}
      restored={restored}
      onFinished={(outcome) => {
        if (outcome === 'changed') rememberForLink({ outcome });
        setFinished(outcome);
      }}
    />
  );
}

function ResetForm({
  token,
  restored,
  onFinished,
}: {
  token: string;
  restored: boolean;
  onFinished: (outcome: Finished) => void;
}) {
  const { t } = useWalletI18n();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [visible, setVisible] = useState(() => linkMemory()?.showPasswords === true);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problemKey, setProblemKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useFocusOnMount<HTMLInputElement>();
  const repeatRef = useRef<HTMLInputElement>(null);

  const title = t('app.wallet.reset.title');
  usePageTitle(title);
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
      // The passwords leave memory with the form.
      setPassword('');
      setRepeat('');
      onFinished(outcome);
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
        {restored && (
          <Alert severity="info" role="status">
            {t('app.wallet.reset.restored')}
          </Alert>
        )}
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
            control={
              <Checkbox
                checked={visible}
                onChange={(e) => {
                  setVisible(e.target.checked);
                  rememberForLink({ showPasswords: e.target.checked });
                }}
              />
            }
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
