import { LoadingIndicator, AppBar as RaAppBar, TitlePortal } from 'react-admin';
import { LanguageSwitch } from './LanguageSwitch';

export function AppBar() {
  return (
    <RaAppBar
      toolbar={
        <>
          <LanguageSwitch onDark />
          <LoadingIndicator />
        </>
      }
    >
      <TitlePortal />
    </RaAppBar>
  );
}
