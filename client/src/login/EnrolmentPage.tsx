import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  CircularProgress,
  FormControlLabel,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useDataProvider, useGetIdentity, useLocaleState, useLogout, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../api/dataProvider';
import { errorBody, errorStatus } from '../api/httpClient';
import type { EnrolmentDone } from '../api/types';
import { rememberIdentity } from '../authProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';

const ERROR_ID = 'enrolment-error';

/** Which message a refused confirmation gets. */
function problemKey(error: unknown): string {
  const code = errorBody(error).code;
  if (errorStatus(error) === 400) return 'code_rejected';
  if (code === 'enrolment_expired' || code === 'enrolment_not_started') return 'expired';
  if (code === 'already_enrolled') return 'already_enrolled';
  return 'unexpected';
}

/** The key in groups of four, as authenticator apps show it; spaces do not matter when it is typed. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * What a member who must have an authenticator and has none sees instead of the console (docs/design.md,
 * Staff TOTP enrolment): the QR code and the key in text, then a code from the app; then the ten recovery
 * codes, shown once, before the console opens.
 */
export function EnrolmentPage() {
  const translate = useTranslate();
  const [done, setDone] = useState<EnrolmentDone | null>(null);
  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', p: 2 }}
    >
      <Card sx={{ width: '100%', maxWidth: 560 }}>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 3 }}>
          <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
            <LanguageSwitch />
          </Box>
          <Typography component="h1" variant="h5">
            {translate(done ? 'app.enrolment.recovery.heading' : 'app.enrolment.heading')}
          </Typography>
          {done ? <RecoveryCodes done={done} /> : <EnrolForm onDone={setDone} />}
        </CardContent>
      </Card>
    </Box>
  );
}

function EnrolForm({ onDone }: { onDone: (done: EnrolmentDone) => void }) {
  const translate = useTranslate();
  const logout = useLogout();
  const [locale] = useLocaleState();
  const { data: identity } = useGetIdentity();
  const dataProvider = useDataProvider<AppDataProvider>();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // The server keeps one pending key per session for 10 minutes: a reload shows the same one.
  const enrolment = useQuery({
    queryKey: ['auth', 'enrolment'],
    queryFn: () => dataProvider.startEnrolment(),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const confirm = useMutation({
    mutationFn: (digits: string) => dataProvider.confirmEnrolment(digits),
    onSuccess: onDone,
    onError: (error) => {
      const key = problemKey(error);
      setProblem(key);
      setCode('');
      if (key === 'expired') enrolment.refetch();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (confirm.isPending) return;
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) return setProblem('code_format');
    setProblem(null);
    confirm.mutate(digits);
  };

  const start = enrolment.data;
  const described = problem ? { 'aria-describedby': ERROR_ID } : {};
  return (
    <>
      <Typography variant="body2" color="text.secondary">
        {translate('app.enrolment.intro')}
      </Typography>
      {problem && (
        <Alert severity="error" id={ERROR_ID}>
          {translate(`app.enrolment.errors.${problem}`)}
        </Alert>
      )}
      {enrolment.isError && <Alert severity="error">{translate('app.enrolment.errors.unexpected')}</Alert>}
      {!start ? (
        !enrolment.isError && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <CircularProgress size={20} />
            <Typography variant="body2">{translate('app.enrolment.loading')}</Typography>
          </Box>
        )
      ) : (
        <>
          <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600 }}>
            {translate('app.enrolment.scan_heading')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <Box
              component="img"
              src={start.qrCode}
              width={200}
              height={200}
              alt={translate('app.enrolment.qr_alt', { username: identity?.username ?? '' })}
              sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}
            />
            <Box sx={{ flex: 1, minWidth: 220 }}>
              <Typography variant="body2">{translate('app.enrolment.manual')}</Typography>
              <Typography
                component="p"
                aria-label={translate('app.enrolment.secret_label')}
                data-secret={start.secret}
                sx={{ fontFamily: 'monospace', fontSize: '1.05rem', my: 1 }}
              >
                {grouped(start.secret)}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('app.enrolment.expires', {
                  time: new Date(start.expiresAt).toLocaleTimeString(locale === 'zh' ? 'zh-CN' : 'en-GB', {
                    hour: '2-digit',
                    minute: '2-digit',
                  }),
                })}
              </Typography>
            </Box>
          </Box>
          <Box
            component="form"
            noValidate
            onSubmit={submit}
            sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
          >
            <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600 }}>
              {translate('app.enrolment.code_heading')}
            </Typography>
            <TextField
              id="enrolment-code"
              name="code"
              label={translate('app.enrolment.code')}
              autoComplete="one-time-code"
              autoFocus
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={Boolean(problem)}
              slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 7, ...described } }}
            />
            <Button type="submit" variant="contained" size="large" disabled={confirm.isPending}>
              {translate('app.enrolment.confirm')}
            </Button>
          </Box>
        </>
      )}
      <Button onClick={() => logout()}>{translate('app.enrolment.sign_out')}</Button>
    </>
  );
}

/** The ten codes, shown once; the console opens only after the member says they stored them. */
function RecoveryCodes({ done }: { done: EnrolmentDone }) {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => list.current?.focus(), []);
  const open = async () => {
    rememberIdentity(done.identity);
    // Identity and every access answer were asked before the authenticator was set up: ask again.
    await queryClient.invalidateQueries();
  };
  return (
    <>
      <Typography variant="body2">{translate('app.enrolment.recovery.intro')}</Typography>
      <Box
        component="ul"
        ref={list}
        tabIndex={-1}
        aria-label={translate('app.enrolment.recovery.list_label')}
        sx={{
          listStyle: 'none',
          m: 0,
          p: 2,
          display: 'grid',
          gridTemplateColumns: 'repeat(2, 1fr)',
          gap: 1,
          bgcolor: 'grey.100',
          borderRadius: 1,
          fontFamily: 'monospace',
          fontSize: '1.1rem',
        }}
      >
        {done.recoveryCodes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </Box>
      <FormControlLabel
        control={<Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)} />}
        label={translate('app.enrolment.recovery.saved')}
      />
      <Button variant="contained" size="large" disabled={!saved} onClick={open}>
        {translate('app.enrolment.recovery.continue')}
      </Button>
    </>
  );
}
