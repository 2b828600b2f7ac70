import { Alert, Button, Card, CardContent, Typography } from '@mui/material';
import { useState } from 'react';
import type { TokenPurpose } from '../../../shared/domain';
import { type EmailChangeOutcome, type EmailChangeStep, redeemEmailChangeLink } from './emailChangeApi';
import { LinkNotUsable, linkUsable, Outcome, usePageTitle } from './LinkOutcome';
import { linkMemory, rememberForLink } from './linkToken';
import { useWalletI18n } from './translate';
import { useFocusOnMount } from './useFocusOnMount';
import { useLinkStatus } from './useLinkStatus';

type Phase = 'ask' | 'done' | 'cancelled' | 'link_expired';

const PURPOSES: Record<EmailChangeStep, TokenPurpose> = { confirm: 'email_confirm', revert: 'email_revert' };

const PROBLEMS: Partial<Record<EmailChangeOutcome, string>> = {
  conflict: 'app.wallet.emailChange.errors.conflict',
  too_many: 'app.wallet.emailChange.errors.too_many',
  network: 'app.wallet.emailChange.errors.network',
  unexpected: 'app.wallet.emailChange.errors.unexpected',
};

/** The lines each step shows before and after the customer presses its one button. */
const WORDS: Record<EmailChangeStep, { intro: string[]; done: string[] }> = {
  confirm: {
    intro: ['intro', 'warning'],
    done: ['done_text', 'done_old'],
  },
  revert: {
    intro: ['intro', 'consequences'],
    done: ['done_text', 'done_held'],
  },
};

/**
 * Behind the links of an email change: the new address confirms it (`/wallet/confirm-email`), the old one cancels
 * it before that or undoes it for 72 h after (`/wallet/revert-email`). Nothing happens on opening the link (mail scanners open links too):
 * the customer presses one button. The token came from the link, already wiped from the address bar. Opening the
 * page only asks whether the link still works (a spent or expired one says so at once, without the button); a
 * reload after the step says again that it is done (linkToken.ts).
 */
export function EmailChangePage({ step, token }: { step: EmailChangeStep; token: string }) {
  const { t } = useWalletI18n();
  const [phase, setPhase] = useState<Phase>(() => {
    const remembered = linkMemory()?.outcome;
    return remembered === 'done' || remembered === 'cancelled' ? remembered : 'ask';
  });
  const status = useLinkStatus(token, PURPOSES[step], phase === 'done' || phase === 'cancelled');
  const key = (name: string) => `app.wallet.emailChange.${step}.${name}`;
  // Each outcome's heading takes the focus (Outcome), so a screen reader announces it.
  if (phase === 'done') {
    return (
      <Outcome
        title={t(key('done_title'))}
        lines={WORDS[step].done.map((name) => t(key(name)))}
        severity={step === 'revert' ? 'warning' : 'success'}
      />
    );
  }
  if (phase === 'cancelled') {
    return (
      <Outcome
        title={t(key('cancelled_title'))}
        lines={[t(key('cancelled_text')), t(key('cancelled_call'))]}
        severity="success"
      />
    );
  }
  if (phase === 'link_expired') {
    // Spent or expired meanwhile: the server words the two alike when a link is redeemed.
    return (
      <Outcome
        title={t('app.wallet.emailChange.errors.expired_title')}
        lines={[t('app.wallet.emailChange.errors.expired')]}
        severity="error"
      />
    );
  }
  if (!linkUsable(status))
    return (
      <LinkNotUsable
        status={status}
        words={{
          used: 'app.wallet.emailChange.errors.link_used',
          expired: 'app.wallet.emailChange.errors.link_expired',
        }}
      />
    );
  return <AskStep step={step} token={token} onFinished={setPhase} />;
}

/** The step's words and its one button. */
function AskStep({
  step,
  token,
  onFinished,
}: {
  step: EmailChangeStep;
  token: string;
  onFinished: (phase: Phase) => void;
}) {
  const { t } = useWalletI18n();
  const [problemKey, setProblemKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const key = (name: string) => `app.wallet.emailChange.${step}.${name}`;
  const title = t(key('title'));
  usePageTitle(title);

  async function redeem() {
    if (busy) return;
    setBusy(true);
    setProblemKey(null);
    const outcome = await redeemEmailChangeLink(step, token);
    setBusy(false);
    if (outcome === 'done' || outcome === 'cancelled') rememberForLink({ outcome });
    if (outcome === 'done' || outcome === 'cancelled' || outcome === 'link_expired') onFinished(outcome);
    else setProblemKey(PROBLEMS[outcome] ?? 'app.wallet.emailChange.errors.unexpected');
  }

  return (
    <Card>
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 3 }}>
        <Typography component="h1" variant="h5" ref={headingRef} tabIndex={-1}>
          {title}
        </Typography>
        {WORDS[step].intro.map((name) => (
          <Typography key={name} variant="body2">
            {t(key(name))}
          </Typography>
        ))}
        {problemKey && (
          <Alert severity="error" role="alert">
            {t(problemKey)}
          </Alert>
        )}
        <Button
          variant="contained"
          color={step === 'revert' ? 'error' : 'primary'}
          size="large"
          fullWidth
          disabled={busy}
          onClick={redeem}
        >
          {busy ? t(key('busy')) : t(key('submit'))}
        </Button>
      </CardContent>
    </Card>
  );
}
