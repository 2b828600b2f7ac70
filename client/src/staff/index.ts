import StaffIcon from '@mui/icons-material/Badge';
import type { StaffRecord } from './StaffList';
import { StaffList } from './StaffList';
import { StaffShow } from './StaffShow';

export default {
  list: StaffList,
  show: StaffShow,
  icon: StaffIcon,
  recordRepresentation: (record: StaffRecord) => record.fullName,
};
