import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import type { EmailChangeView } from '../api/types';
import { EmailChangeList } from './EmailChangeList';
import { EmailChangeShow } from './EmailChangeShow';

export default {
  list: EmailChangeList,
  show: EmailChangeShow,
  icon: ForwardToInboxIcon,
  recordRepresentation: (record: EmailChangeView) =>
    `#${record.id} ${record.oldEmailMasked} → ${record.newEmailMasked}`,
};
