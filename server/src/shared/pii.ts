import { createHmac } from 'node:crypto';
import { normalizeNationalIdLast4 } from '../policy/normalize';

/** National IDs are stored only as a keyed hash (plus the last 4 for verification). */
export function hashNationalId(piiKey: Buffer, nationalId: string): string {
  const canonical = nationalId
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
  return createHmac('sha256', piiKey).update(canonical).digest('hex');
}

export function nationalIdLast4(nationalId: string): string {
  return normalizeNationalIdLast4(nationalId);
}
