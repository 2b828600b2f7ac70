import { Menu as RaMenu, usePermissions, useResourceDefinitions } from 'react-admin';
import { canAccess } from '../access/canAccess';
import { EmailChangesMenuItem } from '../email-changes/EmailChangesMenuItem';

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
      {visible.map((r) =>
        r.name === 'email-changes' ? (
          <EmailChangesMenuItem key={r.name} />
        ) : (
          <RaMenu.ResourceItem key={r.name} name={r.name} />
        ),
      )}
    </RaMenu>
  );
}
