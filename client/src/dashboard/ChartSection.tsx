import { Box, Typography } from '@mui/material';
import { BarChart, type BarChartProps } from '@mui/x-charts/BarChart';
import type { ReactNode } from 'react';

type ChartSectionProps = BarChartProps & {
  /** What heads the chart (a total, a linked heading); optional. */
  heading?: ReactNode;
  /** The chart in words, for screen readers: the chart itself is an image. */
  description: string;
  /** Said instead of an empty chart. */
  emptyText?: string | null;
};

/**
 * One chart block of a dashboard tile: its heading, then the bars as a described image (or the empty text).
 * Every tile draws with MUI X Charts' BarChart through this, so each chart has its words.
 */
export function ChartSection({ heading, description, emptyText, ...chart }: ChartSectionProps) {
  return (
    <>
      {heading}
      {emptyText ? (
        <Typography color="text.secondary">{emptyText}</Typography>
      ) : (
        <Box role="img" aria-label={description}>
          <BarChart {...chart} />
        </Box>
      )}
    </>
  );
}
