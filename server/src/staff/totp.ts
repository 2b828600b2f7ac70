import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

/**
 * RFC 6238 codes (SHA-1, 30 s, 6 digits, as every authenticator app computes them) through otplib:
 * a kept library instead of our own HMAC and base32, and its `afterTimeStep` does the replay check
 * we need (a time step once accepted is refused).
 */
export const TOTP_PERIOD_S = 30;
/** One step either side, for clock drift between the phone and the server. */
const TOLERANCE_S = TOTP_PERIOD_S;
export const TOTP_ISSUER = 'Recovery Desk';

export function newTotpSecret(): string {
  return generateSecret();
}

export const totpStep = (at: number) => Math.floor(at / 1000 / TOTP_PERIOD_S);

/** The code an authenticator shows at `at` (tests and the demo use it). */
export function totpCode(secret: string, at = Date.now()): string {
  return generateSync({ secret, epoch: Math.floor(at / 1000) });
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reused: boolean };

/**
 * Checks a code against the current step and one either side, refusing any step up to and
 * including `lastStep` (the last one accepted for this staff member). `reused` tells a replayed
 * code from a wrong one, so the sign-in page can say "wait for the next code".
 */
export function checkTotp(secret: string, code: string, at: number, lastStep: number | null): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { ok: false, reused: false };
  const epoch = Math.floor(at / 1000);
  const fresh = verifySync({
    secret,
    token: code,
    epoch,
    epochTolerance: TOLERANCE_S,
    ...(lastStep === null ? {} : { afterTimeStep: Math.min(lastStep, totpStep(at) + 1) }),
  });
  // The functional API types HOTP and TOTP results together; a TOTP result carries its timeStep.
  const step = fresh.valid && 'timeStep' in fresh ? fresh.timeStep : null;
  if (step !== null && (lastStep === null || step > lastStep)) return { ok: true, step };
  const any =
    lastStep !== null && verifySync({ secret, token: code, epoch, epochTolerance: TOLERANCE_S }).valid;
  return { ok: false, reused: any };
}

/** The otpauth:// address an authenticator app reads from the enrolment QR code. */
export function totpUri(secret: string, username: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret });
}
