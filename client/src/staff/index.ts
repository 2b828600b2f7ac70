import StaffIcon from '@mui/icons-material/Badge';
import type { StaffView } from '../api/types';
import { lazyView } from '../lazyView';

const StaffList = lazyView(() => import('./StaffList'), 'StaffList');
const StaffShow = lazyView(() => import('./StaffShow'), 'StaffShow');

export default {
  list: StaffList,
  show: StaffShow,
  icon: StaffIcon,
  recordRepresentation: (record: StaffView) => record.fullName,
};
