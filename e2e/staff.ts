/** The staff global-setup.ts creates for the end-to-end run (a throw-away database). */
export const E2E_PASSWORD = 'e2e: correct horse battery staple';
export const E2E_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export type E2EStaff = {
  username: string;
  fullName: string;
  role: 'agent' | 'supervisor';
  totp?: boolean;
};

export const E2E_STAFF = [
  { username: 'agent', fullName: 'Alice Agent', role: 'agent' },
  { username: 'agent2', fullName: '李明', role: 'agent' },
  { username: 'supervisor', fullName: 'Sam Supervisor', role: 'supervisor' },
  { username: 'supervisor2', fullName: '王芳', role: 'supervisor' },
  { username: 'supervisor-totp', fullName: 'Tess Totp', role: 'supervisor', totp: true },
] as const satisfies readonly E2EStaff[];

export type E2EUsername = (typeof E2E_STAFF)[number]['username'];

export function staffMember(username: E2EUsername): E2EStaff {
  const member = E2E_STAFF.find((s) => s.username === username);
  if (!member) throw new Error(`no e2e staff member ${username}`);
  return member;
}
