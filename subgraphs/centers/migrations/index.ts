import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128171230 } from './Migration20261128171230';

/** PostgreSQL migrations, in the order they run (`npm run migrations -- create <subgraph>` adds one). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128171230', class: Migration20261128171230 },
];
