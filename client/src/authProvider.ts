import { type AuthProvider, HttpError, type UserIdentity } from 'react-admin';
import { canAccess } from './access/canAccess';
import { getJson, postJson } from './api/httpClient';
import type { Identity } from './api/types';
import { forgetLookup } from './lookup/lookupMemory';

type LoginParams = { username: string; password: string } | { code: string } | { recoveryCode: string };

/** Thrown by login() when the password was right and the server now wants the TOTP code. */
export class MfaRequiredError extends Error {
  constructor() {
    super('mfa_required');
  }
}

// The identity lives in memory only: nothing about the signed-in person is written to storage.
let identity: Identity | null = null;

async function fetchIdentity(): Promise<Identity> {
  identity = await getJson<Identity>('/auth/me');
  return identity;
}

const currentIdentity = () => (identity ? Promise.resolve(identity) : fetchIdentity());

/** After the member chose their own password: the identity the server answered replaces the one held. */
export function rememberIdentity(next: Identity) {
  identity = next;
}

export const authProvider: AuthProvider = {
  async login(params: LoginParams) {
    if ('code' in params || 'recoveryCode' in params) {
      identity = await postJson<Identity>('/auth/mfa', params);
      return;
    }
    const answer = await postJson<Identity | { mfaRequired: true }>('/auth/login', params);
    if ('mfaRequired' in answer) throw new MfaRequiredError();
    identity = answer;
  },

  async logout() {
    const wasSignedIn = identity !== null;
    identity = null;
    // The last caller's details must not greet whoever signs in next at this desk.
    forgetLookup();
    if (!wasSignedIn) return;
    try {
      await postJson('/auth/logout', {});
    } catch {
      // Already signed out on the server (expired session): nothing left to end.
    }
  },

  async checkAuth() {
    const hadIdentity = identity !== null;
    try {
      await fetchIdentity();
    } catch (error) {
      identity = null;
      // A first visit goes to the sign-in page quietly; a session that ended says so.
      throw hadIdentity ? error : { message: false };
    }
  },

  async checkError(error: unknown) {
    const status = error instanceof HttpError ? error.status : (error as { status?: number })?.status;
    if (status === 401) {
      identity = null;
      throw error;
    }
    // 403 (role or verification level missing) keeps the session: the page shows the message.
  },

  async getIdentity(): Promise<UserIdentity> {
    const me = await currentIdentity();
    return {
      id: me.id,
      fullName: me.fullName,
      username: me.username,
      role: me.role,
      mustChangePassword: me.mustChangePassword,
      mfaEnrolmentRequired: me.mfaEnrolmentRequired,
    };
  },

  async getPermissions() {
    return (await currentIdentity()).role;
  },

  async canAccess({ resource, action }) {
    const me = identity ?? (await currentIdentity().catch(() => null));
    // A temporary password opens nothing but the password change (docs/design.md, Staff lifecycle).
    if (me?.mustChangePassword) return false;
    // Nor does a missing authenticator, for a role that must have one (docs/design.md, Staff TOTP enrolment).
    if (me?.mfaEnrolmentRequired) return false;
    return canAccess(me?.role, { resource, action });
  },
};
