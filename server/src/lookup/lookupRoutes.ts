import type { AppDeps } from '../deps';
import { auditContext, currentUser } from '../http/context';
import { AGENTS_AND_SUPERVISORS, defineRoutes } from '../http/routes';
import { lookUp } from './lookup';
import { parseLookup } from './lookupQuery';

/** POST, not GET: the caller's details travel in the body, never in a URL or an access log. */
export function lookupRoutes(deps: AppDeps) {
  return defineRoutes([
    {
      method: 'post',
      path: '/lookup',
      access: AGENTS_AND_SUPERVISORS,
      handler: async (req, res) => {
        const query = parseLookup(req.body);
        const { candidates, tooManyMatches } = await lookUp(
          deps,
          auditContext(req, deps),
          currentUser(req).id,
          query,
        );
        if (tooManyMatches) res.set('X-Too-Many-Matches', tooManyMatches);
        return candidates;
      },
    },
  ]);
}
