import type { StaffMemberView } from '../api/types';

export type StaffStatus = 'active' | 'disabled' | 'locked';

/** One word for the list and the page: disabled outranks a sign-in lock (they cannot sign in either way). */
export function staffStatus(member: Pick<StaffMemberView, 'disabled' | 'signInLockedUntil'>): StaffStatus {
  if (member.disabled) return 'disabled';
  return member.signInLockedUntil ? 'locked' : 'active';
}
