import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import type { EmailChangeView } from '../api/types';
import { lazyView } from '../lazyView';

const EmailChangeList = lazyView(() => import('./EmailChangeList'), 'EmailChangeList');
const EmailChangeShow = lazyView(() => import('./EmailChangeShow'), 'EmailChangeShow');

export default {
  list: EmailChangeList,
  show: EmailChangeShow,
  icon: ForwardToInboxIcon,
  recordRepresentation: (record: EmailChangeView) =>
    `#${record.id} ${record.oldEmailMasked} → ${record.newEmailMasked}`,
};
