import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128171233 } from './Migration20261128171233';
import { Migration20261204041204 } from './Migration20261204041204';
import { Migration20261204135524 } from './Migration20261204135524';

/** PostgreSQL migrations, in the order they run (`npm run migrations -- create <subgraph>` adds one). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128171233', class: Migration20261128171233 },
  { name: 'Migration20261204041204', class: Migration20261204041204 },
  { name: 'Migration20261204135524', class: Migration20261204135524 },
];
