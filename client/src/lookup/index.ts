import PersonSearchIcon from '@mui/icons-material/PersonSearch';
import { lazyView } from '../lazyView';

const FindCustomer = lazyView(() => import('./FindCustomer'), 'FindCustomer');

/**
 * Declared like a resource (the shell's convention, see App.tsx) with the Find customer page as its `list`, so it
 * gets the /lookup route and the first menu entry. It is not a list of records: agents find customers by what the
 * caller says, never by browsing.
 */
export default { list: FindCustomer, icon: PersonSearchIcon };
