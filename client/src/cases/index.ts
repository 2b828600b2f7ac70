import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import { CaseList } from './CaseList';
import { CaseShow } from './CaseShow';

export default {
  list: CaseList,
  show: CaseShow,
  icon: SupportAgentIcon,
  recordRepresentation: (record: { id: number }) => `#${record.id}`,
};
