import { Admin, Resource } from 'react-admin';
import accounts from './accounts';
import agentActivity from './agent-activity';
import { dataProvider } from './api/dataProvider';
import auditEvents from './audit-events';
import { authProvider } from './authProvider';
import cases from './cases';
import emailChanges from './email-changes';
import escalations from './escalations';
import { createI18nProvider } from './i18n';
import incidents from './incidents';
import { AppTitle } from './layout/AppTitle';
import { Layout } from './layout/Layout';
import { theme } from './layout/theme';
import { lazyView } from './lazyView';
import { LoginPage } from './login/LoginPage';
import lookup from './lookup';
import staff from './staff';
import twoFactorResets from './two-factor-resets';

const i18nProvider = createI18nProvider();
const Dashboard = lazyView(() => import('./dashboard/Dashboard'), 'Dashboard');

/**
 * The console's resources, in menu order: one folder per resource whose index.ts exports
 * `{ list, show, icon, recordRepresentation }`. A page that is not a list of records (the caller
 * lookup) is declared the same way with its page as `list`. The menu shows each entry only to the
 * roles canAccess() allows; the resource names are the API's (docs/design.md, HTTP API).
 */
const RESOURCES = [
  { name: 'lookup', ...lookup },
  { name: 'cases', ...cases },
  { name: 'escalations', ...escalations },
  { name: 'email-changes', ...emailChanges },
  { name: 'two-factor-resets', ...twoFactorResets },
  { name: 'incidents', ...incidents },
  { name: 'audit-events', ...auditEvents },
  { name: 'agent-activity', ...agentActivity },
  { name: 'accounts', ...accounts },
  { name: 'staff', ...staff },
];

export function App() {
  return (
    <Admin
      requireAuth
      disableTelemetry
      title={<AppTitle />}
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      theme={theme}
      layout={Layout}
      loginPage={LoginPage}
      dashboard={Dashboard}
    >
      {RESOURCES.map(({ name, ...config }) => (
        <Resource key={name} name={name} {...config} />
      ))}
    </Admin>
  );
}
