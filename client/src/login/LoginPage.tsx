import { Alert, Box, Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';
import { useLogin, useTranslate } from 'react-admin';
import { MfaRequiredError } from '../authProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { CodeForm, PasswordForm } from './LoginForms';
import { type LoginStep, loginProblem } from './loginErrors';

const ERROR_ID = 'login-error';

const TEXTS: Record<LoginStep, { heading: string; intro: string }> = {
  password: { heading: 'app.login.heading', intro: 'app.login.intro' },
  code: { heading: 'app.login.code_heading', intro: 'app.login.code_intro' },
  recovery: { heading: 'app.login.recovery_heading', intro: 'app.login.recovery_intro' },
};

/**
 * Username and password, then — for staff enrolled in TOTP — the authenticator code or, instead, one of
 * their recovery codes. A member who must enrol is signed in and led to enrolment by the Layout. Errors are
 * announced (role=alert) and tied to the fields, so the page works with a keyboard and a screen reader.
 */
export function LoginPage() {
  const translate = useTranslate();
  const login = useLogin();
  const [step, setStep] = useState<LoginStep>('password');
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function attempt(
    params: { username: string; password: string } | { code: string } | { recoveryCode: string },
  ) {
    setBusy(true);
    setErrorKey(null);
    try {
      await login(params);
    } catch (error) {
      if (error instanceof MfaRequiredError) {
        setStep('code');
      } else {
        const problem = loginProblem(error, step);
        if (problem.restart) setStep('password');
        setErrorKey(problem.key);
      }
    } finally {
      setBusy(false);
    }
  }

  const restart = () => {
    setErrorKey(null);
    setStep('password');
  };

  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        bgcolor: 'grey.100',
        p: 2,
      }}
    >
      <Card sx={{ width: '100%', maxWidth: 420 }}>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 3 }}>
          <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
            <LanguageSwitch />
          </Box>
          <Typography component="h1" variant="h5">
            {translate(TEXTS[step].heading)}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {translate(TEXTS[step].intro)}
          </Typography>
          {errorKey && (
            <Alert severity="error" id={ERROR_ID}>
              {translate(errorKey)}
            </Alert>
          )}
          {step === 'password' ? (
            <PasswordForm
              busy={busy}
              errorId={errorKey ? ERROR_ID : undefined}
              onMissing={() => setErrorKey('app.login.errors.required')}
              onSubmit={(username, password) => attempt({ username, password })}
            />
          ) : (
            <CodeForm
              busy={busy}
              errorId={errorKey ? ERROR_ID : undefined}
              recovery={step === 'recovery'}
              onInvalid={() =>
                setErrorKey(
                  step === 'recovery' ? 'app.login.errors.recovery_format' : 'app.login.errors.code_format',
                )
              }
              onSubmit={(code) => attempt(step === 'recovery' ? { recoveryCode: code } : { code })}
              onRestart={restart}
              onSwitch={() => {
                setErrorKey(null);
                setStep(step === 'recovery' ? 'code' : 'recovery');
              }}
            />
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
