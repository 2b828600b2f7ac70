import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useId } from 'react';
import { useTranslate } from 'react-admin';
import type { TemporaryPasswordAnswer } from '../api/types';
import { useFormatTime } from '../cases/useFormatTime';

/**
 * The one time a temporary password is shown (create, reset password). It lives in the caller's state only:
 * closing the dialog forgets it, and the server never answers it again.
 */
export function TemporaryPasswordDialog({
  answer,
  onClose,
}: {
  answer: TemporaryPasswordAnswer | null;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const titleId = useId();
  return (
    <Dialog open={answer !== null} aria-labelledby={titleId} disableEscapeKeyDown>
      <DialogTitle id={titleId}>
        {translate('resources.staff.temporary_password.title', { username: answer?.username ?? '' })}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>{translate('resources.staff.temporary_password.explanation')}</DialogContentText>
        <Typography
          variant="h5"
          component="p"
          sx={{ mt: 2, fontFamily: 'monospace', letterSpacing: 1 }}
          data-testid="temporary-password"
        >
          {answer?.temporaryPassword}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate('resources.staff.temporary_password.until', {
            time: formatTime(answer?.temporaryPasswordUntil),
          })}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button autoFocus variant="contained" onClick={onClose}>
          {translate('resources.staff.temporary_password.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
