import {
  BooleanField,
  DateField,
  FunctionField,
  Show,
  SimpleShowLayout,
  TextField,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { AccessGate } from '../access/AccessGate';
import type { StaffView } from '../api/types';
import { HTML_LANG, isLocale } from '../i18n/locale';

export function StaffShow() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dateLocale = HTML_LANG[isLocale(locale) ? locale : 'en'];
  return (
    <AccessGate resource="staff" action="show">
      <Show>
        <SimpleShowLayout>
          <TextField source="username" />
          <TextField source="fullName" />
          <FunctionField<StaffView> source="role" render={(r) => translate(`app.roles.${r.role}`)} />
          <BooleanField source="disabled" />
          <DateField
            source="lastSignInAt"
            showTime
            locales={dateLocale}
            emptyText={translate('resources.staff.never_signed_in')}
          />
          <DateField source="createdAt" showTime locales={dateLocale} />
        </SimpleShowLayout>
      </Show>
    </AccessGate>
  );
}
