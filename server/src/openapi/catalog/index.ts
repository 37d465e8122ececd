import { ADMIN_CATALOG } from './admin';
import { KB_CATALOG } from './kb';
import { PM_CATALOG } from './pm';
import { PARTS_CATALOG } from './parts';
import { OPERATOR_CATALOG } from './operator';
import { PUBLIC_CATALOG } from './public';
import { TICKET_CATALOG } from './tickets';
import type { Catalog } from './types';

/** Every route the API serves, documented (server/test/openapi.test.ts holds it equal to the router, both ways). */
export const CATALOG: Catalog = {
  ...PUBLIC_CATALOG,
  ...TICKET_CATALOG,
  ...ADMIN_CATALOG,
  ...KB_CATALOG,
  ...PM_CATALOG,
  ...PARTS_CATALOG,
  ...OPERATOR_CATALOG,
};
export { TAGS, type Catalog, type RouteDoc, type Reply, type Access } from './types';
