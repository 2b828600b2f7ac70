import { describe, expect, it } from 'vitest';
import { canAccess } from './canAccess';

const AGENT_RESOURCES = [
  'lookup',
  'accounts',
  'cases',
  'login-events',
  'devices',
  'transactions',
  'messages',
  'email-changes',
  'case-notes',
  'impostor-reports',
];
const SUPERVISOR_ONLY = ['escalations', 'audit-events', 'agent-activity', 'staff', 'incidents'];

describe('canAccess', () => {
  it.each(AGENT_RESOURCES)('when an agent opens %s, then it is allowed', (resource) => {
    expect(canAccess('agent', { resource, action: 'list' })).toBe(true);
    expect(canAccess('agent', { resource, action: 'show' })).toBe(true);
  });

  it.each(SUPERVISOR_ONLY)('when an agent opens %s, then it is refused', (resource) => {
    expect(canAccess('agent', { resource, action: 'list' })).toBe(false);
    expect(canAccess('agent', { resource, action: 'show' })).toBe(false);
  });

  it.each([...AGENT_RESOURCES, ...SUPERVISOR_ONLY])(
    'when a supervisor opens %s, then it is allowed',
    (resource) => {
      expect(canAccess('supervisor', { resource, action: 'list' })).toBe(true);
    },
  );

  it('when the resource is unknown, then both roles are refused', () => {
    for (const role of ['agent', 'supervisor']) {
      expect(canAccess(role, { resource: 'settings', action: 'list' })).toBe(false);
      expect(canAccess(role, { resource: '', action: 'list' })).toBe(false);
    }
  });

  it('when the action is delete, clone or unknown, then it is refused even to a supervisor', () => {
    for (const action of ['delete', 'clone', 'purge', '']) {
      expect(canAccess('supervisor', { resource: 'cases', action })).toBe(false);
    }
  });

  it('when there is no role or an unknown one, then everything is refused', () => {
    for (const role of [undefined, null, '', 'admin', 'Supervisor', 42]) {
      expect(canAccess(role, { resource: 'accounts', action: 'list' })).toBe(false);
    }
  });
});
