import {
  Box,
  Link as MuiLink,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { ReferenceField, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import type { ApprovalEvidence } from '../api/types';
import { FactorStatus } from '../cases/FactorStatus';
import { useFormatTime } from '../cases/useFormatTime';

/** A key of this part's texts (en/approvalEvidence.ts and zh/approvalEvidence.ts in client/src/i18n). */
const k = (key: string) => `resources.email-changes.evidence.${key}`;

/**
 * What the approver weighs (docs/design.md, Email changes): the case's level and channel, each check with its
 * outcome and time, who filed it, with links to the case and the account. The server sends it with every
 * request (approvalEvidence.ts), so a row from the list shows the same as the request itself.
 */
export function ApprovalEvidencePanel({
  evidence,
  accountId,
}: {
  evidence: ApprovalEvidence;
  accountId: number;
}) {
  const translate = useTranslate();
  const formatTime = useFormatTime();
  const { case: kase, checks, requester } = evidence;
  const dl = { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0 };
  const row = (label: string, value: ReactNode) => (
    <Box sx={{ display: 'contents' }}>
      <Typography component="dt" variant="body2" sx={{ fontWeight: 600 }}>
        {translate(k(label))}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>
        {value}
      </Typography>
    </Box>
  );
  return (
    <Box component="section" aria-labelledby="approval-evidence-heading" data-testid="approval-evidence">
      <Typography id="approval-evidence-heading" variant="h6" component="h2" gutterBottom>
        {translate(k('heading'))}
      </Typography>
      <Box component="dl" sx={dl}>
        {row(
          'requester',
          requester
            ? translate(k('requesterLine'), {
                name: requester.fullName,
                username: requester.username,
                role: translate(`app.roles.${requester.role}`),
              })
            : '—',
        )}
        {kase ? (
          <>
            {row(
              'case',
              <MuiLink component={Link} to={`/cases/${kase.id}/show`} data-testid="evidence-case-link">
                {translate(k('caseLink'), { id: kase.id })}
              </MuiLink>,
            )}
            {row(
              'level',
              <span data-testid="evidence-level" data-level={kase.level}>
                {`L${kase.level} · ${translate(`journey.level.L${kase.level}`)}`}
              </span>,
            )}
            {row('channel', translate(`journey.channels.${kase.channel}`))}
            {row('caseStatus', translate(`journey.case.statuses.${kase.status}`))}
          </>
        ) : (
          row('case', translate(k('noCase')))
        )}
        {row(
          'account',
          <MuiLink component={Link} to={`/accounts/${accountId}/show`} data-testid="evidence-account-link">
            <ReferenceField
              record={{ id: 0, accountId }}
              source="accountId"
              reference="accounts"
              link={false}
              emptyText={translate(k('openAccount'))}
            />
          </MuiLink>,
        )}
      </Box>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2, mb: 0.5 }}>
        {translate(k('checks'))}
      </Typography>
      {checks.length === 0 ? (
        <Typography variant="body2">{translate(k('noChecks'))}</Typography>
      ) : (
        <Table size="small" aria-labelledby="approval-evidence-heading" data-testid="evidence-checks">
          <TableHead>
            <TableRow>
              <TableCell>{translate(k('factor'))}</TableCell>
              <TableCell>{translate(k('source'))}</TableCell>
              <TableCell>{translate(k('at'))}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {checks.map((check, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: checks are append-only and listed in order
              <TableRow key={i} data-factor={check.factor} data-matched={String(check.matched)}>
                <TableCell>
                  <FactorStatus factor={check.factor} state={check.matched ? 'matched' : 'mismatched'} />
                </TableCell>
                <TableCell>{translate(k(`sources.${check.source}`))}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(check.at)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
