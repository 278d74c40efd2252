import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128171230 } from './Migration20261128171230';
import { Migration20261128172215 } from './Migration20261128172215';
import { Migration20261128172500 } from './Migration20261128172500';
import { Migration20261128192135 } from './Migration20261128192135';
import { Migration20261204041155 } from './Migration20261204041155';
import { Migration20261204055427 } from './Migration20261204055427';
import { Migration20261204112503 } from './Migration20261204112503';
import { Migration20261204112534 } from './Migration20261204112534';
import { Migration20261204134511 } from './Migration20261204134511';
import { Migration20261204134841 } from './Migration20261204134841';
import { Migration20261204135130 } from './Migration20261204135130';
import { Migration20261204135500 } from './Migration20261204135500';
import { Migration20261204150045 } from './Migration20261204150045';

/** PostgreSQL migrations, in the order they run (`npm run migrations -- create <subgraph>` adds one). */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128171230', class: Migration20261128171230 },
  { name: 'Migration20261128172215', class: Migration20261128172215 },
  { name: 'Migration20261128172500', class: Migration20261128172500 },
  { name: 'Migration20261128192135', class: Migration20261128192135 },
  { name: 'Migration20261204041155', class: Migration20261204041155 },
  { name: 'Migration20261204055427', class: Migration20261204055427 },
  { name: 'Migration20261204112503', class: Migration20261204112503 },
  { name: 'Migration20261204112534', class: Migration20261204112534 },
  { name: 'Migration20261204134511', class: Migration20261204134511 },
  { name: 'Migration20261204134841', class: Migration20261204134841 },
  { name: 'Migration20261204135130', class: Migration20261204135130 },
  { name: 'Migration20261204135500', class: Migration20261204135500 },
  { name: 'Migration20261204150045', class: Migration20261204150045 },
];
