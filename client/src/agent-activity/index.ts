import InsightsIcon from '@mui/icons-material/Insights';
import { lazyView } from '../lazyView';
import type { AgentActivityRecord } from './AgentActivityList';

const AgentActivityList = lazyView(() => import('./AgentActivityList'), 'AgentActivityList');

export default {
  list: AgentActivityList,
  icon: InsightsIcon,
  recordRepresentation: (record: AgentActivityRecord) => record.username ?? `#${record.id}`,
};
