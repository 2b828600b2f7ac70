import { Box, Chip } from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import { Menu as RaMenu } from 'react-admin';

type Props = {
  /** The resource the entry opens. */
  name: string;
  label: string;
  /** How many things wait there; none (0) shows no badge. */
  count: number;
  /** What a screen reader says instead of the bare number ("3 waiting"). */
  spokenCount: string;
  color: 'primary' | 'warning';
  testId: string;
};

/** A menu entry with a count badge beside its name: the number is seen, the sentence is heard. */
export function CountedMenuItem({ name, label, count, spokenCount, color, testId }: Props) {
  return (
    <RaMenu.ResourceItem
      name={name}
      primaryText={
        <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
          {label}
          {count > 0 && (
            <>
              <Chip size="small" color={color} label={count} aria-hidden data-testid={testId} />
              <Box component="span" sx={visuallyHidden}>
                {spokenCount}
              </Box>
            </>
          )}
        </Box>
      }
    />
  );
}
