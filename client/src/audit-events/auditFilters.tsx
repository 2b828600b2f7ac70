import {
  AutocompleteInput,
  DateTimeInput,
  NumberInput,
  ReferenceInput,
  SelectInput,
  TextInput,
} from 'react-admin';
import { AUDIT_OUTCOMES } from '../../../shared/domain';
import { KNOWN_ACTIONS, TARGET_TYPES } from './auditFormat';

const pad = (n: number) => String(n).padStart(2, '0');

/** A datetime-local input speaks the browser's local time; the server filters on UTC ms. */
export function localInputToUtcMs(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

export function utcMsToLocalInput(value: unknown): string {
  if (typeof value !== 'number' && typeof value !== 'string') return '';
  const date = new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

type StaffOption = { id: number; username: string; fullName: string };

const staffOption = (s: StaffOption) => (s ? `${s.username} (${s.fullName})` : '');

/**
 * The supervisor's questions: who (actor), what (action), did it work (outcome), when (from/to), and on which
 * account or case. Only ids, action names, times and the searched words go in the filter (it is in the URL
 * and in exports): the search is a word index, not a pattern, so a supervisor types whole words or prefixes.
 */
export const auditFilters = [
  <TextInput
    key="q"
    source="q"
    label="resources.audit-events.filters.q"
    helperText="resources.audit-events.filters.q_help"
  />,
  <ReferenceInput
    key="actorId"
    source="actorId"
    reference="staff"
    sort={{ field: 'username', order: 'ASC' }}
    perPage={50}
    alwaysOn
  >
    <AutocompleteInput
      label="resources.audit-events.filters.actor"
      optionText={staffOption}
      filterToQuery={(q: string) => ({ q })}
      sx={{ minWidth: 220 }}
    />
  </ReferenceInput>,
  <SelectInput
    key="action"
    source="action"
    label="resources.audit-events.fields.action"
    alwaysOn
    choices={KNOWN_ACTIONS.map((a) => ({ id: a, name: `resources.audit-events.actions.${a}` }))}
    sx={{ minWidth: 200 }}
  />,
  <SelectInput
    key="outcome"
    source="outcome"
    label="resources.audit-events.fields.outcome"
    alwaysOn
    choices={AUDIT_OUTCOMES.map((o) => ({ id: o, name: `resources.audit-events.outcomes.${o}` }))}
    sx={{ minWidth: 150 }}
  />,
  <DateTimeInput
    key="from"
    source="from"
    label="resources.audit-events.filters.from"
    parse={localInputToUtcMs}
    format={utcMsToLocalInput}
  />,
  <DateTimeInput
    key="to"
    source="to"
    label="resources.audit-events.filters.to"
    parse={localInputToUtcMs}
    format={utcMsToLocalInput}
  />,
  <SelectInput
    key="targetType"
    source="targetType"
    label="resources.audit-events.fields.targetType"
    choices={TARGET_TYPES.map((type) => ({ id: type, name: `resources.audit-events.target_types.${type}` }))}
  />,
  <TextInput
    key="targetId"
    source="targetId"
    label="resources.audit-events.filters.targetId"
    helperText="resources.audit-events.filters.targetId_help"
  />,
  <NumberInput key="caseId" source="caseId" label="resources.audit-events.fields.caseId" min={1} step={1} />,
];
