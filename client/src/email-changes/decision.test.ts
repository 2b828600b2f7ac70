import { describe, expect, it } from 'vitest';
import { decisionBlocker, looksLikeEmail } from './decision';

const pending = { status: 'pending_approval' as const, requestedBy: 7 };

describe('decisionBlocker', () => {
  it('when another supervisor opens a pending request, then they may decide it', () => {
    expect(decisionBlocker(pending, { id: 9, role: 'supervisor' })).toBeNull();
  });

  it('when the supervisor who requested it opens it, then they are told another supervisor must decide', () => {
    expect(decisionBlocker(pending, { id: 7, role: 'supervisor' })).toBe('own_request');
    expect(decisionBlocker(pending, { id: '7', role: 'supervisor' })).toBe('own_request');
  });

  it('when an agent opens it, then no decision is offered', () => {
    expect(decisionBlocker(pending, { id: 3, role: 'agent' })).toBe('agent_view');
    expect(decisionBlocker(pending, undefined)).toBe('agent_view');
  });

  it('when the request is no longer pending, then nobody is offered a decision', () => {
    for (const status of ['awaiting_confirmation', 'completed', 'rejected', 'expired', 'reverted'] as const) {
      expect(decisionBlocker({ status, requestedBy: 7 }, { id: 9, role: 'supervisor' })).toBe('not_pending');
    }
  });
});

describe('looksLikeEmail', () => {
  it('when the agent types an address, then only plausible ones pass', () => {
    expect(looksLikeEmail(' new.name@example.com ')).toBe(true);
    expect(looksLikeEmail('张伟@例子.中国')).toBe(true);
    for (const bad of ['', 'name', 'name@', '@example.com', 'name@example', 'a b@example.com']) {
      expect(looksLikeEmail(bad)).toBe(false);
    }
  });
});
