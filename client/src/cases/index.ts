import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import { lazyView } from '../lazyView';

const CaseList = lazyView(() => import('./CaseList'), 'CaseList');
const CaseShow = lazyView(() => import('./CaseShow'), 'CaseShow');

export default {
  list: CaseList,
  show: CaseShow,
  icon: SupportAgentIcon,
  recordRepresentation: (record: { id: number }) => `#${record.id}`,
};
