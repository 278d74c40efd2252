import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128171232 } from './Migration20261128171232';
import { Migration20261204041200 } from './Migration20261204041200';
import { Migration20261204135514 } from './Migration20261204135514';

/** PostgreSQL migrations, in the order they run (`npm run migrations -- create <subgraph>` adds one). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128171232', class: Migration20261128171232 },
  { name: 'Migration20261204041200', class: Migration20261204041200 },
  { name: 'Migration20261204135514', class: Migration20261204135514 },
];
