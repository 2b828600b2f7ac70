import type { ReactNode } from 'react';
import { useCanAccess, useRequireAccess } from 'react-admin';

/**
 * Renders a page only once canAccess() said yes. react-admin's List/Show start their queries as
 * soon as the access check has finished, whatever it answered, and only then redirect to "access
 * denied": an agent following a link to a supervisors' page would send the server a request it
 * refuses and audits as a probe by that agent.
 */
export function AccessGate({
  resource,
  action,
  children,
}: {
  resource: string;
  action: 'list' | 'show' | 'create' | 'edit';
  children: ReactNode;
}) {
  useRequireAccess({ resource, action });
  const { canAccess } = useCanAccess({ resource, action });
  return canAccess ? children : null;
}
