import { Migration } from '@mikro-orm/migrations';

export class Migration20261204135532 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "cultural_center" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "cultural_space" add column "source" varchar(32) not null default 'PUBLISHED';`);

    // Rows from before the column: registry tables from their dataset, seeded rows GENERATED, API-made ids PUBLISHED
    // (the subgraph's sqliteBackfills, lib/subgraph/provenance.ts:provenanceBackfill; frozen here as it shipped).
    this.addSql(`update "cultural_center" set "source" = 'SEOUL_CULTURAL_SPACES';`);
    this.addSql(`update "cultural_space" set "source" = 'GENERATED' where "id" not like '%-R%';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cultural_center" drop column "source";`);

    this.addSql(`alter table "cultural_space" drop column "source";`);
  }
}
