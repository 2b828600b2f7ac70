import BookmarkIcon from '@mui/icons-material/BookmarkBorder';
import { Box, Card, CardContent, ListItemButton, ListItemText, Typography } from '@mui/material';
import {
  Datagrid,
  FilterButton,
  FunctionField,
  Link,
  List,
  TextField,
  TopToolbar,
  useListContext,
  useTranslate,
} from 'react-admin';
import { AccessGate } from '../access/AccessGate';
import type { AuditEvent } from '../api/types';
import { auditFilters } from './auditFilters';
import { SAVED_VIEWS, type SavedView, savedViewFilter } from './auditFormat';
import { ExportButton } from './ExportButton';
import { ActorText, EventTimeLine, OutcomeChip, TargetText, useActionLabel } from './fields';
import { OneAgentView } from './OneAgentView';
import { VerifyChainButton } from './VerifyChainButton';

function AuditListActions() {
  return (
    <TopToolbar sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <FilterButton />
      <VerifyChainButton />
      <ExportButton />
    </TopToolbar>
  );
}

// A view is "on" when its fixed keys match; its time bound is computed when chosen, so it is not compared.
const viewKeys = (view: SavedView) => Object.keys(savedViewFilter(view)).filter((k) => k !== 'from');
const isOn = (view: SavedView, filters: Record<string, unknown>) =>
  viewKeys(view).every((k) => filters[k] === savedViewFilter(view)[k]) &&
  Object.keys(filters).every((k) => k === 'from' || viewKeys(view).includes(k));

/**
 * The named filters supervisors ask for every day; choosing one replaces the current filter, choosing it
 * again clears it. (Our own buttons: react-admin's FilterListItem adds an unnamed remove button.)
 */
function SavedViews() {
  const translate = useTranslate();
  const { filterValues, setFilters } = useListContext();
  return (
    <Card sx={{ order: -1, mr: 2, mt: 8, width: 220, flexShrink: 0, alignSelf: 'flex-start' }}>
      <CardContent>
        <Typography variant="overline" component="h2" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <BookmarkIcon fontSize="small" aria-hidden />
          {translate('resources.audit-events.views.title')}
        </Typography>
        <Box sx={{ display: 'flex', flexDirection: 'column' }}>
          {SAVED_VIEWS.map((view) => {
            const on = isOn(view, filterValues);
            return (
              <ListItemButton
                key={view}
                dense
                selected={on}
                aria-pressed={on}
                onClick={() => setFilters(on ? {} : savedViewFilter(view), {})}
              >
                <ListItemText primary={translate(`resources.audit-events.views.${view}`)} />
              </ListItemButton>
            );
          })}
          <OneAgentView />
        </Box>
      </CardContent>
    </Card>
  );
}

/** The audit trail's rows are tall enough without the table's default padding. */
const auditListLayout = { '& td': { py: 0.25 } } as const;

/** Supervisors only (the server answers 403 to anyone else, and audits the attempt). Newest first. */
export function AuditEventList() {
  return (
    <AccessGate resource="audit-events" action="list">
      <AuditEventListPage />
    </AccessGate>
  );
}

function AuditEventListPage() {
  const translate = useTranslate();
  const actionLabel = useActionLabel();
  return (
    <List
      filters={auditFilters}
      actions={<AuditListActions />}
      exporter={false}
      sort={{ field: 'at', order: 'DESC' }}
      perPage={25}
      title={translate('resources.audit-events.title')}
      aside={<SavedViews />}
      sx={auditListLayout}
    >
      {/* Time is the one sort every filter's index serves at two million events (docs/design.md, Readable
          trail); the server refuses the others on a large filtered set, so their headers do not offer them. */}
      <Datagrid rowClick="show" bulkActionButtons={false} size="small">
        <TextField source="id" sortable={false} />
        <FunctionField<AuditEvent> source="at" render={(r) => <EventTimeLine at={r.at} />} />
        <FunctionField<AuditEvent>
          source="actorUsername"
          label="resources.audit-events.fields.actor"
          sortable={false}
          render={(r) => <ActorText record={r} />}
        />
        <FunctionField<AuditEvent> source="action" sortable={false} render={(r) => actionLabel(r.action)} />
        <FunctionField<AuditEvent>
          source="targetId"
          label="resources.audit-events.fields.target"
          sortable={false}
          render={(r) => <TargetText record={r} />}
        />
        <FunctionField<AuditEvent>
          source="caseId"
          sortable={false}
          render={(r) =>
            r.caseId ? (
              <Link
                to={`/cases/${r.caseId}/show`}
                onClick={(e: { stopPropagation: () => void }) => e.stopPropagation()}
              >
                #{r.caseId}
              </Link>
            ) : (
              ''
            )
          }
        />
        <FunctionField<AuditEvent>
          source="outcome"
          sortable={false}
          render={(r) => <OutcomeChip outcome={r.outcome} />}
        />
        <TextField source="reason" sortable={false} />
      </Datagrid>
    </List>
  );
}
