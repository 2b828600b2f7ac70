import { randomInt } from 'node:crypto';

/** Letters and digits nobody misreads when it is read out or copied by hand (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** How long a temporary password works before its first use (docs/design.md, Staff lifecycle). */
export const TEMPORARY_PASSWORD_MS = 72 * 3_600_000;

/**
 * A one-time password a supervisor hands over: 16 random characters from a 31-letter alphabet (79 bits) in
 * groups of four, `K7QF-M2XR-9PHT-WC4N`. It is shown once and only its argon2 hash is kept.
 */
export function newTemporaryPassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}
