import CampaignIcon from '@mui/icons-material/Campaign';
import type { IncidentView } from '../api/types';
import { lazyView } from '../lazyView';

const IncidentList = lazyView(() => import('./IncidentList'), 'IncidentList');
const IncidentCreate = lazyView(() => import('./IncidentCreate'), 'IncidentCreate');
const IncidentEdit = lazyView(() => import('./IncidentEdit'), 'IncidentEdit');

/** Service status (docs/design.md, Service status): the incidents supervisors post for customers and agents. */
export default {
  list: IncidentList,
  create: IncidentCreate,
  edit: IncidentEdit,
  icon: CampaignIcon,
  recordRepresentation: (record: IncidentView) => `#${record.id} ${record.titleEn}`,
};
