import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import type { EmailChangeRecord } from './api';
import { EmailChangeList } from './EmailChangeList';
import { EmailChangeShow } from './EmailChangeShow';

export default {
  list: EmailChangeList,
  show: EmailChangeShow,
  icon: ForwardToInboxIcon,
  recordRepresentation: (record: EmailChangeRecord) =>
    `#${record.id} ${record.oldEmailMasked} → ${record.newEmailMasked}`,
};
