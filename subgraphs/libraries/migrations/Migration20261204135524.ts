import { Migration } from '@mikro-orm/migrations';

export class Migration20261204135524 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "library" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "library_space" add column "source" varchar(32) not null default 'PUBLISHED';`);

    // Rows from before the column: registry tables from their dataset, seeded rows GENERATED, API-made ids PUBLISHED
    // (the subgraph's sqliteBackfills, lib/subgraph/provenance.ts:provenanceBackfill; frozen here as it shipped).
    this.addSql(`update "library" set "source" = 'SEOUL_LIBRARIES';`);
    this.addSql(`update "library_space" set "source" = 'GENERATED' where "id" not like '%-R%';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "library" drop column "source";`);

    this.addSql(`alter table "library_space" drop column "source";`);
  }
}
