import {
  Alert,
  Button,
  Card,
  CardContent,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useEffect, useState } from 'react';
import { useWalletI18n } from './translate';
import { useFocusOnMount } from './useFocusOnMount';
import { type ForgotOutcome, requestReset } from './walletApi';

const PROBLEMS: Partial<Record<ForgotOutcome, string>> = {
  too_many: 'app.wallet.forgot.errors.too_many',
  invalid: 'app.wallet.forgot.errors.login_required',
  network: 'app.wallet.reset.errors.network',
  unexpected: 'app.wallet.forgot.errors.unexpected',
};

/**
 * /wallet/forgot-password: the customer types the login they sign in with and picks where the link goes
 * (the registered email or phone: never an address typed here). The answer is the same for every login.
 */
export function ForgotPasswordPage() {
  const { t } = useWalletI18n();
  const [login, setLogin] = useState('');
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const loginRef = useFocusOnMount<HTMLInputElement>();
  const doneRef = useFocusOnMount<HTMLHeadingElement>();
  const title = sent ? t('app.wallet.forgot.sent_title') : t('app.wallet.forgot.title');
  useEffect(() => {
    document.title = `${title} · ${t('app.wallet.brand')}`;
  }, [title, t]);
  useEffect(() => {
    if (sent) doneRef.current?.focus();
  }, [sent, doneRef]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!login.trim()) {
      setProblem('app.wallet.forgot.errors.login_required');
      return loginRef.current?.focus();
    }
    setBusy(true);
    setProblem(null);
    const outcome = await requestReset(login.trim(), channel);
    setBusy(false);
    if (outcome === 'accepted') setSent(true);
    else setProblem(PROBLEMS[outcome] ?? 'app.wallet.forgot.errors.unexpected');
  }

  if (sent) {
    return (
      <Card>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 3 }}>
          <Typography component="h1" variant="h5" ref={doneRef} tabIndex={-1}>
            {title}
          </Typography>
          <Alert severity="success" role="status" data-testid="forgot-sent">
            {t(channel === 'email' ? 'app.wallet.forgot.sent_email' : 'app.wallet.forgot.sent_sms')}
          </Alert>
          <Typography variant="body2">{t('app.wallet.forgot.not_arrived')}</Typography>
        </CardContent>
      </Card>
    );
  }

  return (
    <Card>
      <CardContent
        component="form"
        onSubmit={submit}
        noValidate
        sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 3 }}
      >
        <Typography component="h1" variant="h5">
          {title}
        </Typography>
        <Typography variant="body2">{t('app.wallet.forgot.intro')}</Typography>
        <TextField
          inputRef={loginRef}
          label={t('app.wallet.forgot.login')}
          helperText={t('app.wallet.forgot.login_help')}
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          autoComplete="username"
          required
          error={problem === 'app.wallet.forgot.errors.login_required'}
        />
        <FormControl>
          <FormLabel id="forgot-channel-label">{t('app.wallet.forgot.channel')}</FormLabel>
          <RadioGroup
            aria-labelledby="forgot-channel-label"
            value={channel}
            onChange={(e) => setChannel(e.target.value === 'sms' ? 'sms' : 'email')}
          >
            <FormControlLabel value="email" control={<Radio />} label={t('app.wallet.forgot.by_email')} />
            <FormControlLabel value="sms" control={<Radio />} label={t('app.wallet.forgot.by_sms')} />
          </RadioGroup>
        </FormControl>
        {problem && (
          <Alert severity="error" role="alert">
            {t(problem)}
          </Alert>
        )}
        <Button type="submit" variant="contained" disabled={busy}>
          {busy ? t('app.wallet.forgot.busy') : t('app.wallet.forgot.submit')}
        </Button>
      </CardContent>
    </Card>
  );
}
