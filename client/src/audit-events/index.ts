import PolicyIcon from '@mui/icons-material/Policy';
import { AuditEventList } from './AuditEventList';
import { AuditEventShow } from './AuditEventShow';
import type { AuditEventRecord } from './api';

export default {
  list: AuditEventList,
  show: AuditEventShow,
  icon: PolicyIcon,
  recordRepresentation: (record: AuditEventRecord) => `#${record.id} ${record.action}`,
};
