/**
 * Who may open what in the console. The server enforces the same rules on every route; this copy
 * only decides what the console shows, so an agent is never offered a page that would answer 403.
 */
export type Role = 'agent' | 'supervisor';

export type AccessParams = { resource: string; action: string };

const AGENT_RESOURCES = [
  'lookup',
  'accounts',
  'cases',
  'login-events',
  'devices',
  'transactions',
  'messages',
  // Agents see the email changes they requested (the server narrows the list), to tell the caller where it stands.
  'email-changes',
  // Likewise the two-factor resets they filed (lost device), decided by a supervisor.
  'two-factor-resets',
  // Read through the account page: notes of the cases one may read, impostor-suspected signals.
  'case-notes',
  'impostor-reports',
  // The account's takeover warning signs, shown above its actions (docs/design.md, Risk signals).
  'risk-signals',
] as const;

const SUPERVISOR_RESOURCES = [
  ...AGENT_RESOURCES,
  // The queue of escalated cases: supervisors take them (docs/design.md, Case ownership and escalation).
  'escalations',
  'audit-events',
  'agent-activity',
  'staff',
  // Service status: supervisors post, edit and resolve incidents; agents see them only as the banner and hint.
  'incidents',
] as const;

const RESOURCES_BY_ROLE: Record<Role, ReadonlySet<string>> = {
  agent: new Set(AGENT_RESOURCES),
  supervisor: new Set(SUPERVISOR_RESOURCES),
};

/**
 * The react-admin actions the console uses. Nothing is ever deleted from Recovery Desk (accounts are
 * closed, the audit trail is append-only), so `delete` is not among them; `clone` neither.
 */
const ALLOWED_ACTIONS: ReadonlySet<string> = new Set(['list', 'show', 'create', 'edit', 'export']);

const isRole = (role: unknown): role is Role => role === 'agent' || role === 'supervisor';

/** Deny by default: an unknown role, resource or action is refused. */
export function canAccess(role: unknown, { resource, action }: AccessParams): boolean {
  if (!isRole(role)) return false;
  return RESOURCES_BY_ROLE[role].has(resource) && ALLOWED_ACTIONS.has(action);
}
