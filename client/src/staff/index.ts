import StaffIcon from '@mui/icons-material/Badge';
import type { StaffMemberView } from '../api/types';
import { lazyView } from '../lazyView';

const StaffList = lazyView(() => import('./StaffList'), 'StaffList');
const StaffShow = lazyView(() => import('./StaffShow'), 'StaffShow');
const StaffCreate = lazyView(() => import('./StaffCreate'), 'StaffCreate');
const StaffEdit = lazyView(() => import('./StaffEdit'), 'StaffEdit');

export default {
  list: StaffList,
  show: StaffShow,
  create: StaffCreate,
  edit: StaffEdit,
  icon: StaffIcon,
  recordRepresentation: (record: StaffMemberView) => record.fullName,
};
