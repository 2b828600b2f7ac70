import { Box } from '@mui/material';
import { type FieldProps, useFieldValue, useTranslate } from 'react-admin';
import { useFormatTime } from '../cases/useFormatTime';

/**
 * A time (UTC ms) as every list and page of the console writes it: the agent's language, date and time to the
 * minute (useFormatTime), on one line. react-admin's DateField would print the browser's own form instead
 * (`12/1/2026, 8:17:11 AM` in Staff), so lists use this (issue 6, point 10).
 */
export function TimeField(props: FieldProps & { emptyText?: string }) {
  const value = useFieldValue(props) as number | null | undefined;
  const formatTime = useFormatTime();
  const translate = useTranslate();
  if (value === null || value === undefined) {
    return <span>{props.emptyText ? translate(props.emptyText, { _: props.emptyText }) : ''}</span>;
  }
  return (
    <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
      {formatTime(value)}
    </Box>
  );
}
