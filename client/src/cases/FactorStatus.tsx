import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { VerificationFactor } from '../../../shared/domain';
import type { FactorState } from './verification';

const ICONS = {
  matched: <CheckCircleIcon color="success" fontSize="small" aria-hidden />,
  mismatched: <CancelIcon color="error" fontSize="small" aria-hidden />,
  unchecked: <RadioButtonUncheckedIcon color="disabled" fontSize="small" aria-hidden />,
} as const;

/** A factor's state in words and symbol (✓ / ✗ / ○), never by colour alone. */
export function FactorStatus({ factor, state }: { factor: VerificationFactor; state: FactorState }) {
  const translate = useTranslate();
  return (
    <Box
      sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
      data-factor-state={state}
      data-factor={factor}
    >
      {ICONS[state]}
      <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
        {translate(`journey.factors.${factor}`)}
      </Typography>
      <Typography variant="body2" component="span" color="text.secondary">
        — {translate(`journey.factorStates.${state}`)}
      </Typography>
    </Box>
  );
}
