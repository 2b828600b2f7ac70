import { useTranslate } from 'react-admin';

/** The app's name where react-admin shows its default title (not-found and error pages), translated. */
export function AppTitle() {
  const translate = useTranslate();
  return <>{translate('app.title')}</>;
}
