import { Menu as RaMenu, usePermissions, useResourceDefinitions } from 'react-admin';
import { canAccess } from '../access/canAccess';
import { EmailChangesMenuItem } from '../email-changes/EmailChangesMenuItem';
import { EscalationsMenuItem } from '../escalations/EscalationsMenuItem';

/**
 * The dashboard, then every resource declared in App.tsx that has a list page and that the
 * signed-in role may open, in declaration order.
 */
export function Menu() {
  const { permissions } = usePermissions();
  const resources = useResourceDefinitions();
  const visible = Object.values(resources).filter(
    (r) => r.hasList && canAccess(permissions, { resource: r.name, action: 'list' }),
  );
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      {visible.map((r) => {
        if (r.name === 'email-changes') return <EmailChangesMenuItem key={r.name} />;
        if (r.name === 'escalations') return <EscalationsMenuItem key={r.name} />;
        return <RaMenu.ResourceItem key={r.name} name={r.name} />;
      })}
    </RaMenu>
  );
}
