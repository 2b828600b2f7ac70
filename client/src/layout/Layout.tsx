import type { ReactNode } from 'react';
import { Layout as RaLayout, useGetIdentity } from 'react-admin';
import { ChangePasswordPage } from '../login/ChangePasswordPage';
import { AppBar } from './AppBar';
import { Menu } from './Menu';

export function Layout({ children }: { children: ReactNode }) {
  const { data: identity } = useGetIdentity();
  // A temporary password opens nothing else: no menu, no page, no request the server would refuse.
  if (identity?.mustChangePassword) return <ChangePasswordPage />;
  return (
    <RaLayout appBar={AppBar} menu={Menu}>
      {children}
    </RaLayout>
  );
}
