import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Chip, Link as MuiLink, Stack, Tooltip } from '@mui/material';
import {
  Datagrid,
  DateTimeInput,
  FunctionField,
  Link,
  List,
  NumberField,
  useListContext,
  useTranslate,
} from 'react-admin';
import type { AgentActivity } from '../../../server/src/audit/agentActivity';
import { AccessGate } from '../access/AccessGate';
import { localInputToUtcMs, utcMsToLocalInput } from '../audit-events/auditFilters';

// The server's row type, type-only: the screen cannot drift from the report it shows.
export type AgentActivityRecord = AgentActivity;

const windowFilters = [
  <DateTimeInput
    key="from"
    source="from"
    label="resources.agent-activity.filters.from"
    parse={localInputToUtcMs}
    format={utcMsToLocalInput}
    alwaysOn
  />,
  <DateTimeInput
    key="to"
    source="to"
    label="resources.agent-activity.filters.to"
    parse={localInputToUtcMs}
    format={utcMsToLocalInput}
    alwaysOn
  />,
];

/** The staff member's name opens the trail filtered to them, over the same window (issue 11, point 7). */
function TrailLink({ record }: { record: AgentActivityRecord }) {
  const { filterValues } = useListContext();
  const filter = { actorId: record.id, from: filterValues.from, to: filterValues.to };
  return (
    // Usernames have no spaces to wrap at: a long one may break anywhere rather than widen the page.
    <MuiLink
      component={Link}
      to={`/audit-events?filter=${encodeURIComponent(JSON.stringify(filter))}`}
      sx={{ overflowWrap: 'anywhere' }}
    >
      {record.username ?? `#${record.id}`}
    </MuiLink>
  );
}

function RoleText({ role }: { role: string | null }) {
  const translate = useTranslate();
  return <>{role ? translate(`app.roles.${role}`) : ''}</>;
}

function Flags({ flags }: { flags: string[] }) {
  const translate = useTranslate();
  if (!flags.length) return <>{translate('resources.agent-activity.no_flags')}</>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
      {flags.map((flag) => (
        // describeChild: the meaning is the chip's description (spoken after its name), not its name.
        <Tooltip key={flag} describeChild title={translate(`resources.agent-activity.flag_help.${flag}`)}>
          <Chip
            size="small"
            variant="outlined"
            icon={<WarningAmberIcon />}
            label={translate(`resources.agent-activity.flags.${flag}`)}
            tabIndex={0}
            color="warning"
          />
        </Tooltip>
      ))}
    </Stack>
  );
}

/**
 * Who did what in a window (default: the last 7 days), outliers first: an agent with many
 * lookups and no cases is the classic curious agent. Flags are hints for a human, not verdicts.
 */
export function AgentActivityList() {
  return (
    <AccessGate resource="agent-activity" action="list">
      <List exporter={false} filters={windowFilters} pagination={false} sort={{ field: 'id', order: 'ASC' }}>
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <FunctionField<AgentActivityRecord>
            source="username"
            sortable={false}
            render={(r) => <TrailLink record={r} />}
          />
          <FunctionField<AgentActivityRecord>
            source="role"
            sortable={false}
            render={(r) => <RoleText role={r.role} />}
          />
          <NumberField source="lookups" sortable={false} />
          <NumberField source="throttled" sortable={false} />
          <NumberField source="views" sortable={false} />
          <NumberField source="casesOpened" sortable={false} />
          <NumberField source="reveals" sortable={false} />
          <NumberField source="denied" sortable={false} />
          <FunctionField<AgentActivityRecord>
            source="flags"
            sortable={false}
            render={(r) => <Flags flags={r.flags} />}
          />
        </Datagrid>
      </List>
    </AccessGate>
  );
}
