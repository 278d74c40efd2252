import { Migration } from '@mikro-orm/migrations';

export class Migration20261204135514 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "education_office" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "school" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "school_space" add column "source" varchar(32) not null default 'PUBLISHED';`);

    // Rows from before the column: registry tables from their dataset, seeded rows GENERATED, API-made ids PUBLISHED
    // (the subgraph's sqliteBackfills, lib/subgraph/provenance.ts:provenanceBackfill; frozen here as it shipped).
    this.addSql(`update "education_office" set "source" = 'SEOUL_EDUCATION_OFFICES';`);
    this.addSql(`update "school" set "source" = 'SCHOOLS_2026';`);
    this.addSql(`update "school_space" set "source" = 'GENERATED' where "id" not like '%-R%';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "education_office" drop column "source";`);

    this.addSql(`alter table "school" drop column "source";`);

    this.addSql(`alter table "school_space" drop column "source";`);
  }
}
