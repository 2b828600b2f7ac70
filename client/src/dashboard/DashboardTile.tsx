import { Alert, Box, Button, Card, CardContent, Skeleton, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link, useTranslate } from 'react-admin';

type Props = {
  /** i18n key of the tile's heading. */
  title: string;
  /** The filtered list behind the tile, and the words of its link. */
  link?: { to: string; label: string };
  loading: boolean;
  failed: boolean;
  children: ReactNode;
  /** The tile's id, for aria-labelledby and the end-to-end tests. */
  id: string;
};

/** A dashboard tile: a heading, what it counts, and a link to the list it was counted from. */
export function DashboardTile({ title, link, loading, failed, children, id }: Props) {
  const translate = useTranslate();
  const headingId = `${id}-title`;
  return (
    <Card component="section" aria-labelledby={headingId} data-tile={id}>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: 1, mb: 1 }}>
          <Typography id={headingId} component="h2" variant="h6">
            {translate(title)}
          </Typography>
          {link && (
            <Button component={Link} to={link.to} size="small">
              {translate(link.label)}
            </Button>
          )}
        </Box>
        {failed ? (
          <Alert severity="warning">{translate('app.dashboard.tile_failed')}</Alert>
        ) : loading ? (
          <Skeleton variant="rounded" height={120} aria-hidden />
        ) : (
          children
        )}
      </CardContent>
    </Card>
  );
}
