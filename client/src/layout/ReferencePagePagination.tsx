import { Pagination } from 'react-admin';

/**
 * Pages of at most 25 rows for lists whose rows name accounts: react-admin fetches a page's references in
 * one getMany, and the server takes at most 25 ids (docs/design.md, HTTP API), so a 50-row page would fail.
 */
export function ReferencePagePagination() {
  return <Pagination rowsPerPageOptions={[10, 25]} />;
}
