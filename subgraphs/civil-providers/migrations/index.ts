import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128171236 } from './Migration20261128171236';
import { Migration20261204041211 } from './Migration20261204041211';
import { Migration20261204135540 } from './Migration20261204135540';

/** PostgreSQL migrations, in the order they run (`npm run migrations -- create <subgraph>` adds one). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128171236', class: Migration20261128171236 },
  { name: 'Migration20261204041211', class: Migration20261204041211 },
  { name: 'Migration20261204135540', class: Migration20261204135540 },
];
