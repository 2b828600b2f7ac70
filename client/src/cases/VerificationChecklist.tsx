import { Box, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { FREEZE_AFTER_MISMATCHES, type VerificationFactor } from '../../../shared/domain';
import type { CaseView, CheckAnswer } from '../api/types';
import { CheckInput } from './CheckInput';
import { FactorStatus } from './FactorStatus';
import { OtpButtons } from './OtpButtons';
import { factorState, nextFactor, TYPED_FACTORS } from './verification';

const NEXT_ACTION = 'next-action';

/**
 * The factors of docs/design.md (Verification levels) with their state and an input for each one not matched yet. The focus always sits in
 * the next input worth typing in: an identifying detail until L1, then the recent transaction.
 */
export function VerificationChecklist({ kase }: { kase: CaseView }) {
  const translate = useTranslate();
  const inputs = useRef(new Map<VerificationFactor, HTMLInputElement>());
  const [focusTarget, setFocusTarget] = useState<VerificationFactor | typeof NEXT_ACTION | null>(null);
  const focusedForCase = useRef<number | null>(null);
  const editable = kase.status === 'open' && !kase.verificationFrozen;

  useEffect(() => {
    if (focusedForCase.current === kase.id) return;
    focusedForCase.current = kase.id;
    setFocusTarget(nextFactor(kase));
  }, [kase]);

  useEffect(() => {
    if (!focusTarget) return;
    if (focusTarget === NEXT_ACTION) {
      // Nothing left to type: the next keystroke is the account action the new level just enabled, once the
      // refreshed case has enabled it.
      const action = document.querySelector<HTMLButtonElement>('[data-primary-action]:not([disabled])');
      if (action) {
        action.focus();
        setFocusTarget(null);
      }
      return;
    }
    const input = inputs.current.get(focusTarget);
    if (input && !input.disabled) {
      input.focus();
      input.select();
      setFocusTarget(null);
    }
  });

  const onAnswer = useCallback(
    (answer: CheckAnswer) => {
      const predicted = {
        checks: [...kase.checks, { ...answer, source: 'typed' as const, at: Date.now() }],
        level: answer.level,
      };
      setFocusTarget(answer.matched ? (nextFactor(predicted) ?? NEXT_ACTION) : answer.factor);
    },
    [kase.checks],
  );

  const register = (factor: VerificationFactor) => (el: HTMLInputElement | null) => {
    if (el) inputs.current.set(factor, el);
    else inputs.current.delete(factor);
  };

  return (
    <Box component="section" aria-labelledby={`checks-${kase.id}`}>
      <Typography id={`checks-${kase.id}`} variant="subtitle1" component="h3" gutterBottom>
        {translate('journey.checks.heading')}
      </Typography>
      {/* Always in view, not only in a toast: the agent paces the questions by it. */}
      <Typography
        variant="body2"
        color={kase.mismatchCount > 0 ? 'error.main' : 'text.secondary'}
        sx={{ fontWeight: kase.mismatchCount > 0 ? 600 : undefined }}
        data-testid="mismatch-count"
        gutterBottom
      >
        {translate('journey.checks.mismatchCount', {
          count: Math.min(kase.mismatchCount, FREEZE_AFTER_MISMATCHES),
          max: FREEZE_AFTER_MISMATCHES,
        })}
      </Typography>
      <Stack spacing={1.5}>
        {TYPED_FACTORS.map((factor) => {
          const state = factorState(kase.checks, factor);
          return (
            <Box key={factor}>
              {/* An empty input already says "not asked yet" and its label names the factor: the status line is
                  kept for answers given (✓ / ✗) and for a case that takes no more answers, so the list fits 900 px. */}
              {(state !== 'unchecked' || !editable) && <FactorStatus factor={factor} state={state} />}
              {state !== 'matched' && editable && (
                <Box sx={{ mt: state === 'unchecked' ? 0 : 0.5 }}>
                  <CheckInput
                    caseId={kase.id}
                    factor={factor}
                    mismatchCount={kase.mismatchCount}
                    inputRef={register(factor)}
                    onAnswer={onAnswer}
                  />
                </Box>
              )}
            </Box>
          );
        })}
        <OtpButtons
          kase={kase}
          editable={editable}
          register={register}
          onAnswer={onAnswer}
          onSent={setFocusTarget}
        />
      </Stack>
    </Box>
  );
}
