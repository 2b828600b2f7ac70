import InsightsIcon from '@mui/icons-material/Insights';
import { AgentActivityList, type AgentActivityRecord } from './AgentActivityList';

export default {
  list: AgentActivityList,
  icon: InsightsIcon,
  recordRepresentation: (record: AgentActivityRecord) => record.username ?? `#${record.id}`,
};
