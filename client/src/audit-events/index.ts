import PolicyIcon from '@mui/icons-material/Policy';
import type { AuditEvent } from '../api/types';
import { AuditEventList } from './AuditEventList';
import { AuditEventShow } from './AuditEventShow';

export default {
  list: AuditEventList,
  show: AuditEventShow,
  icon: PolicyIcon,
  recordRepresentation: (record: AuditEvent) => `#${record.id} ${record.action}`,
};
