import {
  BooleanField,
  DataTable,
  DateField,
  List,
  SearchInput,
  useLocaleState,
  useTranslate,
} from 'react-admin';
import { AccessGate } from '../access/AccessGate';
import type { StaffView } from '../api/types';
import { HTML_LANG, isLocale } from '../i18n/locale';

const filters = [<SearchInput key="q" source="q" alwaysOn />];

/** Supervisors only (the server answers 403 to anyone else). Read-only: staff are managed by the CLI. */
export function StaffList() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dateLocale = HTML_LANG[isLocale(locale) ? locale : 'en'];
  return (
    <AccessGate resource="staff" action="list">
      <List filters={filters} exporter={false} sort={{ field: 'username', order: 'ASC' }}>
        <DataTable<StaffView> rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="username" />
          <DataTable.Col source="fullName" disableSort />
          <DataTable.Col source="role" disableSort render={(r) => translate(`app.roles.${r.role}`)} />
          <DataTable.Col source="disabled" disableSort field={BooleanField} />
          <DataTable.Col source="lastSignInAt" disableSort>
            <DateField
              source="lastSignInAt"
              showTime
              locales={dateLocale}
              emptyText={translate('resources.staff.never_signed_in')}
            />
          </DataTable.Col>
        </DataTable>
      </List>
    </AccessGate>
  );
}
