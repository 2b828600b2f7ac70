import type { Config } from '../config';
import type { StaffRole } from '../db/schema';

/**
 * Who must have an authenticator enrolled (docs/design.md, Staff TOTP enrolment): every supervisor, and
 * agents unless STAFF_TOTP_AGENTS=optional. STAFF_TOTP_EXEMPT (refused in production) lets a test desk's
 * shared accounts sign in with a password alone.
 */
export function totpRequired(
  config: Pick<Config, 'STAFF_TOTP_AGENTS' | 'STAFF_TOTP_EXEMPT'>,
  member: { username: string; role: StaffRole },
): boolean {
  if (config.STAFF_TOTP_EXEMPT.includes(member.username)) return false;
  return member.role === 'supervisor' || config.STAFF_TOTP_AGENTS === 'required';
}
