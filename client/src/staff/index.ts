import StaffIcon from '@mui/icons-material/Badge';
import type { StaffView } from '../api/types';
import { StaffList } from './StaffList';
import { StaffShow } from './StaffShow';

export default {
  list: StaffList,
  show: StaffShow,
  icon: StaffIcon,
  recordRepresentation: (record: StaffView) => record.fullName,
};
