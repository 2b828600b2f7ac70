import PhonelinkEraseIcon from '@mui/icons-material/PhonelinkErase';
import type { TwoFactorResetView } from '../api/types';
import { lazyView } from '../lazyView';

const TwoFactorResetList = lazyView(() => import('./TwoFactorResetList'), 'TwoFactorResetList');
const TwoFactorResetShow = lazyView(() => import('./TwoFactorResetShow'), 'TwoFactorResetShow');

export default {
  list: TwoFactorResetList,
  show: TwoFactorResetShow,
  icon: PhonelinkEraseIcon,
  recordRepresentation: (record: TwoFactorResetView) => `#${record.id}`,
};
