import { mergeMessages } from '../merge';
import app from './app';
import audit from './audit';
import emailChange from './emailChange';
import journey from './journey';
import ra from './ra';
import staff from './staff';
import wallet from './wallet';

/**
 * All English texts. A feature adds its own `en/<feature>.ts` (and `zh/<feature>.ts`) and one
 * import plus one argument below; i18n.test.ts then checks the Chinese side has the same keys.
 */
const en = mergeMessages(ra, app, staff, journey, wallet, audit, emailChange);

export default en;
