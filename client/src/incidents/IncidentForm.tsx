import { Typography } from '@mui/material';
import type { ReactElement } from 'react';
import {
  CheckboxGroupInput,
  DateTimeInput,
  maxLength,
  required,
  SimpleForm,
  TextInput,
  useTranslate,
} from 'react-admin';
import { INCIDENT_PARTS } from '../../../shared/domain';

/** The form value of a DateTimeInput (the browser's local "2026-12-01T09:10") as the API's UTC ms. */
const toMs = (value: string | null | undefined) => {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
};

// The server checks the same (server/src/incidents/incidentRoutes.ts, incidentRules.ts); this only answers sooner.
const afterStart = (value: unknown, all: { startsAt?: number | null }) =>
  typeof value === 'number' && typeof all.startsAt === 'number' && value <= all.startsAt
    ? 'resources.incidents.errors.expectedEndAt'
    : undefined;

const partChoices = INCIDENT_PARTS.map((id) => ({ id, name: `resources.incidents.parts.${id}` }));

/** What customers read (both languages), what it affects and when: the same form to post and to edit. */
export function IncidentForm({ toolbar }: { toolbar?: ReactElement | false }) {
  const translate = useTranslate();
  return (
    <SimpleForm toolbar={toolbar} sx={{ maxWidth: 900 }}>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {translate('resources.incidents.help')}
      </Typography>
      <TextInput source="titleEn" validate={[required(), maxLength(120)]} autoComplete="off" />
      <TextInput source="titleZh" validate={[required(), maxLength(120)]} autoComplete="off" />
      <TextInput source="customerTextEn" multiline minRows={2} validate={[required(), maxLength(1000)]} />
      <TextInput source="customerTextZh" multiline minRows={2} validate={[required(), maxLength(1000)]} />
      <CheckboxGroupInput source="affected" choices={partChoices} validate={required()} />
      <DateTimeInput source="startsAt" parse={toMs} validate={required()} />
      <DateTimeInput source="expectedEndAt" parse={toMs} validate={afterStart} />
    </SimpleForm>
  );
}

/** The fields the API takes (the record also carries its ids, times and state, which a PUT must not send). */
export const incidentBody = (data: Record<string, unknown>) => ({
  titleEn: data.titleEn,
  titleZh: data.titleZh,
  customerTextEn: data.customerTextEn,
  customerTextZh: data.customerTextZh,
  affected: data.affected,
  startsAt: data.startsAt,
  expectedEndAt: data.expectedEndAt ?? null,
});
