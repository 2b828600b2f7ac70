import PolicyIcon from '@mui/icons-material/Policy';
import type { AuditEvent } from '../api/types';
import { lazyView } from '../lazyView';

const AuditEventList = lazyView(() => import('./AuditEventList'), 'AuditEventList');
const AuditEventShow = lazyView(() => import('./AuditEventShow'), 'AuditEventShow');

export default {
  list: AuditEventList,
  show: AuditEventShow,
  icon: PolicyIcon,
  recordRepresentation: (record: AuditEvent) => `#${record.id} ${record.action}`,
};
