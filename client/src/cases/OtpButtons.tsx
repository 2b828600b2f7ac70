import EmailIcon from '@mui/icons-material/Email';
import SmsIcon from '@mui/icons-material/Sms';
import { Box, Button } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { OtpChannel, VerificationFactor } from '../../../shared/domain';
import type { AppDataProvider } from '../api/dataProvider';
import type { CaseView, CheckAnswer } from '../api/types';
import { CheckInput } from './CheckInput';
import { FactorStatus } from './FactorStatus';
import { useExplainError } from './useExplainError';
import { useFormatTime } from './useFormatTime';
import { factorState, OTP_CHANNELS } from './verification';

type Props = {
  kase: CaseView;
  editable: boolean;
  register: (factor: VerificationFactor) => (el: HTMLInputElement | null) => void;
  onAnswer: (answer: CheckAnswer) => void;
  onSent: (factor: VerificationFactor) => void;
};

const ICONS = { sms: <SmsIcon />, email: <EmailIcon /> } as const;

/**
 * Possession: a code goes to the registered phone or email (the agent never sees it); the caller reads it out and
 * the agent types it in the input that appears, which takes the focus.
 */
export function OtpButtons({ kase, editable, register, onAnswer, onSent }: Props) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<AppDataProvider>();
  const explain = useExplainError();
  const formatTime = useFormatTime();
  const [sent, setSent] = useState<Partial<Record<OtpChannel, boolean>>>({});
  const mutation = useMutation({
    mutationFn: (channel: OtpChannel) => dataProvider.sendOtp(kase.id, channel),
    onSuccess: (answer, channel) => {
      setSent((s) => ({ ...s, [channel]: true }));
      notify('journey.otp.sent', {
        type: 'info',
        messageArgs: { recipient: answer.maskedRecipient, time: formatTime(answer.expiresAt) },
      });
      onSent(`${channel}_otp`);
    },
    onError: (error) => notify(explain(error), { type: 'error' }),
  });
  return (
    <>
      {OTP_CHANNELS.map((channel) => {
        const factor: VerificationFactor = `${channel}_otp`;
        const state = factorState(kase.checks, factor);
        return (
          <Box key={channel}>
            <FactorStatus factor={factor} state={state} />
            {state !== 'matched' && editable && (
              <Box sx={{ mt: 0.5, display: 'flex', flexDirection: 'column', gap: 1 }}>
                <Box>
                  <Button
                    size="small"
                    variant="outlined"
                    startIcon={ICONS[channel]}
                    disabled={mutation.isPending}
                    onClick={() => mutation.mutate(channel)}
                  >
                    {translate(
                      sent[channel] ? `journey.otp.resend.${channel}` : `journey.otp.send.${channel}`,
                    )}
                  </Button>
                </Box>
                {(sent[channel] || state === 'mismatched') && (
                  <CheckInput
                    caseId={kase.id}
                    factor={factor}
                    mismatchCount={kase.mismatchCount}
                    inputRef={register(factor)}
                    onAnswer={onAnswer}
                  />
                )}
              </Box>
            )}
          </Box>
        );
      })}
    </>
  );
}
