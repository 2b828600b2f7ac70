import MoveUpIcon from '@mui/icons-material/MoveUp';
import { EscalationList } from './EscalationList';

export default {
  list: EscalationList,
  icon: MoveUpIcon,
  recordRepresentation: (record: { id: number }) => `#${record.id}`,
};
