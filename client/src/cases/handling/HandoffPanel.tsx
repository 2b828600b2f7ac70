import MoveUpIcon from '@mui/icons-material/MoveUp';
import PanToolIcon from '@mui/icons-material/PanTool';
import ReplyIcon from '@mui/icons-material/Reply';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { Alert, Box, Button, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetIdentity, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { ConfirmWithReasonDialog } from '../../accounts/ConfirmWithReasonDialog';
import type { CaseView } from '../../api/types';
import { useFormatTime } from '../useFormatTime';
import { TransferDialog } from './TransferDialog';
import { useHandlingMutation } from './useHandlingMutation';

type Dialogs = 'escalate' | 'return' | 'transfer' | null;

/** Where the case stands (queue, taken, someone else's) and the hand-offs this reader may make now. */
function StandingAlert({ kase }: { kase: CaseView }) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const { identity } = useGetIdentity();
  if (kase.status !== 'open') return null;
  if (kase.escalation === 'waiting') {
    return (
      <Alert severity="warning" role="status" data-testid="case-escalation">
        {translate('resources.cases.handoff.waiting', {
          time: formatTime(kase.escalatedAt ?? kase.openedAt),
        })}
      </Alert>
    );
  }
  if (kase.ownerId !== undefined && identity && kase.ownerId !== identity.id) {
    const lastTo = [...(kase.handoffs ?? [])].reverse().find((h) => h.to?.id === kase.ownerId)?.to?.username;
    const owner = lastTo ?? translate('resources.cases.handoff.owner_unknown');
    return (
      <Alert severity="info" role="status" data-testid="case-read-only">
        {kase.escalation === 'taken' && kase.escalatedBy === identity.id
          ? translate('resources.cases.handoff.taken_by')
          : translate('resources.cases.handoff.read_only', { owner })}
      </Alert>
    );
  }
  return null;
}

export function HandoffPanel({ kase }: { kase: CaseView }) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialogs>(null);
  const close = () => setDialog(null);
  const escalate = useHandlingMutation((dp, reason: string) => dp.escalateCase(kase.id, reason), {
    done: 'resources.cases.handoff.escalated',
    onSuccess: close,
  });
  const take = useHandlingMutation((dp, _: undefined) => dp.takeCase(kase.id), {
    done: 'resources.cases.handoff.taken',
    // The same case on its account page: verification done, actions enabled for the new owner.
    onSuccess: (taken) => navigate(`/accounts/${taken.accountId}/show?case=${taken.id}`),
  });
  const giveBack = useHandlingMutation((dp, note: string) => dp.returnCase(kase.id, note), {
    done: 'resources.cases.handoff.returned',
    onSuccess: close,
  });
  const transfer = useHandlingMutation(
    (dp, v: { staffId: number; reason: string }) => dp.transferCase(kase.id, v.staffId, v.reason),
    { done: 'resources.cases.handoff.transferred', onSuccess: close },
  );
  const can = kase.caseActions;
  const handoffs = kase.handoffs ?? [];
  return (
    <Stack spacing={1}>
      <StandingAlert kase={kase} />
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {can?.take.allowed && (
          <Button
            variant="contained"
            startIcon={<PanToolIcon />}
            disabled={take.isPending || take.isSuccess}
            onClick={() => take.mutate(undefined)}
          >
            {translate('resources.cases.handoff.take')}
          </Button>
        )}
        {can?.escalate.allowed && (
          <Button
            variant="contained"
            color="secondary"
            startIcon={<MoveUpIcon />}
            onClick={() => setDialog('escalate')}
          >
            {translate('resources.cases.handoff.escalate')}
          </Button>
        )}
        {can?.return.allowed && (
          <Button variant="outlined" startIcon={<ReplyIcon />} onClick={() => setDialog('return')}>
            {translate('resources.cases.handoff.return')}
          </Button>
        )}
        {can?.transfer.allowed && (
          <Button variant="outlined" startIcon={<SwapHorizIcon />} onClick={() => setDialog('transfer')}>
            {translate('resources.cases.handoff.transfer')}
          </Button>
        )}
      </Stack>
      {handoffs.length > 0 && (
        <Box component="section" aria-labelledby={`case-${kase.id}-handoffs`}>
          <Typography id={`case-${kase.id}-handoffs`} variant="subtitle2" component="h3">
            {translate('resources.cases.handoff.history')}
          </Typography>
          <List dense disablePadding>
            {handoffs.map((h) => (
              <ListItem key={`${h.kind}-${h.at}-${h.from.id}`} disableGutters>
                <ListItemText
                  primary={translate(`resources.cases.handoff.kinds.${h.kind}`, {
                    from: h.from.username,
                    to: h.to?.username ?? '',
                  })}
                  secondary={[formatTime(h.at), h.reason].filter(Boolean).join(' · ')}
                />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      <ConfirmWithReasonDialog
        open={dialog === 'escalate'}
        title={translate('resources.cases.handoff.escalate_title', { id: kase.id })}
        description={translate('resources.cases.handoff.escalate_help')}
        confirmLabel={translate('resources.cases.handoff.escalate')}
        busy={escalate.isPending}
        error={escalate.error}
        onConfirm={(reason) => escalate.mutate(reason)}
        onClose={close}
      />
      <ConfirmWithReasonDialog
        open={dialog === 'return'}
        title={translate('resources.cases.handoff.return_title', { id: kase.id })}
        reasonLabel={translate('resources.cases.handoff.return_note')}
        minLength={1}
        confirmLabel={translate('resources.cases.handoff.return')}
        busy={giveBack.isPending}
        error={giveBack.error}
        field="note"
        onConfirm={(note) => giveBack.mutate(note)}
        onClose={close}
      />
      <TransferDialog
        open={dialog === 'transfer'}
        caseId={kase.id}
        busy={transfer.isPending}
        error={transfer.error}
        onConfirm={(staffId, reason) => transfer.mutate({ staffId, reason })}
        onClose={close}
      />
    </Stack>
  );
}
