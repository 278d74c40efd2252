import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128171234 } from './Migration20261128171234';
import { Migration20261204041208 } from './Migration20261204041208';
import { Migration20261204135532 } from './Migration20261204135532';

/** PostgreSQL migrations, in the order they run (`npm run migrations -- create <subgraph>` adds one). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128171234', class: Migration20261128171234 },
  { name: 'Migration20261204041208', class: Migration20261204041208 },
  { name: 'Migration20261204135532', class: Migration20261204135532 },
];
