import {
  Alert,
  Box,
  Chip,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { CASE_CHANNELS, type CaseChannel } from '../../../shared/domain';
import { StatusChip } from '../accounts/StatusChip';
import type { LookupBody } from '../api/types';
import { OpenCaseButton } from '../cases/OpenCaseButton';
import type { LookupAnswer } from './callerDetails';
import { matchedFieldKey } from './matchedFields';

type Props = { answer: LookupAnswer; query: LookupBody; headingRef?: React.Ref<HTMLHeadingElement> };

/** Ranked candidates, masked fields only; "Open case" carries the caller's details into the case as checks. */
export function LookupResults({ answer, query, headingRef }: Props) {
  const translate = useTranslate();
  const [channel, setChannel] = useState<CaseChannel>('phone');
  const { candidates, tooMany } = answer;
  return (
    <Box component="section" aria-labelledby="lookup-results-heading" sx={{ mt: 3 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Typography id="lookup-results-heading" variant="h6" component="h2" ref={headingRef} tabIndex={-1}>
          {translate('journey.lookup.results', { smart_count: candidates.length })}
        </Typography>
        {candidates.length > 0 && (
          <FormControl size="small" sx={{ width: 200, ml: 'auto' }}>
            <InputLabel id="case-channel-label">{translate('journey.case.channel')}</InputLabel>
            <Select
              labelId="case-channel-label"
              label={translate('journey.case.channel')}
              value={channel}
              onChange={(e) => setChannel(e.target.value as CaseChannel)}
            >
              {CASE_CHANNELS.map((c) => (
                <MenuItem key={c} value={c}>
                  {translate(`journey.channels.${c}`)}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        )}
      </Box>
      {tooMany && (
        <Alert severity="warning" role="status" sx={{ mb: 2 }}>
          {translate('journey.lookup.tooMany', { count: tooMany })}
        </Alert>
      )}
      {candidates.length === 0 ? (
        <Alert severity="info" role="status">
          {translate('journey.lookup.none')}
        </Alert>
      ) : (
        <TableContainer>
          <Table size="small" aria-labelledby="lookup-results-heading">
            <TableHead>
              <TableRow>
                <TableCell>{translate('journey.lookup.columns.fullName')}</TableCell>
                <TableCell>{translate('journey.lookup.columns.accountNumber')}</TableCell>
                <TableCell>{translate('journey.lookup.columns.phone')}</TableCell>
                <TableCell>{translate('journey.lookup.columns.email')}</TableCell>
                <TableCell>{translate('journey.lookup.columns.birthYear')}</TableCell>
                <TableCell>{translate('journey.lookup.columns.country')}</TableCell>
                <TableCell>{translate('journey.lookup.columns.status')}</TableCell>
                <TableCell>{translate('journey.lookup.columns.matched')}</TableCell>
                <TableCell align="right">{translate('journey.lookup.columns.score')}</TableCell>
                <TableCell>
                  <Box component="span" sx={visuallyHidden}>
                    {translate('journey.lookup.columns.actions')}
                  </Box>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {candidates.map((c) => (
                <TableRow key={c.id} data-testid="lookup-row">
                  <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                    {c.fullName}
                  </TableCell>
                  <TableCell>{c.accountNumber}</TableCell>
                  <TableCell>{c.maskedPhone}</TableCell>
                  <TableCell>{c.maskedEmail}</TableCell>
                  <TableCell>{c.birthYear}</TableCell>
                  <TableCell>{c.country}</TableCell>
                  <TableCell>
                    <StatusChip status={c.status} lockReason={c.lockReason} />
                  </TableCell>
                  <TableCell>
                    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                      {c.matchedFields.map((f) => (
                        <Chip key={f} size="small" label={translate(matchedFieldKey(f), { _: f })} />
                      ))}
                    </Box>
                  </TableCell>
                  <TableCell align="right">{c.score}</TableCell>
                  <TableCell>
                    <OpenCaseButton
                      accountId={c.id}
                      channel={channel}
                      callerDetails={query}
                      autoFocus={candidates.length === 1}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Box>
  );
}
