import { mergeMessages } from '../merge';
import app from './app';
import journey from './journey';
import ra from './ra';
import staff from './staff';

/** All Simplified Chinese texts; the same modules, in the same order, as en/index.ts. */
const zh = mergeMessages(ra, app, staff, journey);

export default zh;
