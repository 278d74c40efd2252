import { Migration } from '@mikro-orm/migrations';

export class Migration20261204135540 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "civil_provider" add column "source" varchar(32) not null default 'PUBLISHED';`);

    // Rows from before the column: registry tables from their dataset, seeded rows GENERATED, API-made ids PUBLISHED
    // (the subgraph's sqliteBackfills, lib/subgraph/provenance.ts:provenanceBackfill; frozen here as it shipped).
    this.addSql(`update "civil_provider" set "source" = 'GENERATED' where "id" not like 'CP-%';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "civil_provider" drop column "source";`);
  }
}
