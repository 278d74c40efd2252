import { Migration } from '@mikro-orm/migrations';

export class Migration20261204135500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "district" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "city_support" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "dong" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "learning_center" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "center_space" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "learning_community" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "community_activity" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "lifelong_education_field" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "lifelong_learning_expert" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "counseling_session" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "notice" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "partnership" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "program" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "enrollment" add column "source" varchar(32) not null default 'PUBLISHED';`);

    // Rows from before the column: registry tables from their dataset, seeded rows GENERATED, API-made ids PUBLISHED
    // (the subgraph's sqliteBackfills, lib/subgraph/provenance.ts:provenanceBackfill; frozen here as it shipped).
    this.addSql(`update "district" set "source" = 'ADMDONG_2021';`);
    this.addSql(`update "dong" set "source" = 'ADMDONG_2021';`);
    this.addSql(`update "lifelong_education_field" set "source" = 'NILE_FIELDS_2009';`);
    this.addSql(`update "learning_center" set "source" = 'GENERATED' where "id" not like 'LC-%';`);
    this.addSql(`update "center_space" set "source" = 'GENERATED' where "id" not like '%-R%';`);
    this.addSql(`update "lifelong_learning_expert" set "source" = 'GENERATED' where "id" not like 'EX-%';`);
    this.addSql(`update "city_support" set "source" = 'GENERATED' where "id" not like 'CS-%';`);
    this.addSql(`update "counseling_session" set "source" = 'GENERATED' where "id" not like 'CO-%';`);
    this.addSql(`update "learning_community" set "source" = 'GENERATED' where "id" not like 'LCM-%';`);
    this.addSql(`update "community_activity" set "source" = 'GENERATED' where "id" not like 'LCA-%';`);
    this.addSql(`update "partnership" set "source" = 'GENERATED' where "id" not like 'PS-%';`);
    this.addSql(`update "notice" set "source" = 'GENERATED' where "id" not like 'NTC-%';`);
    this.addSql(`update "program" set "source" = 'GENERATED' where "id" not like 'PG-%';`);
    this.addSql(`update "enrollment" set "source" = 'GENERATED' where "id" not like 'EN-%';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "center_space" drop column "source";`);

    this.addSql(`alter table "city_support" drop column "source";`);

    this.addSql(`alter table "community_activity" drop column "source";`);

    this.addSql(`alter table "counseling_session" drop column "source";`);

    this.addSql(`alter table "district" drop column "source";`);

    this.addSql(`alter table "dong" drop column "source";`);

    this.addSql(`alter table "enrollment" drop column "source";`);

    this.addSql(`alter table "learning_center" drop column "source";`);

    this.addSql(`alter table "learning_community" drop column "source";`);

    this.addSql(`alter table "lifelong_education_field" drop column "source";`);

    this.addSql(`alter table "lifelong_learning_expert" drop column "source";`);

    this.addSql(`alter table "notice" drop column "source";`);

    this.addSql(`alter table "partnership" drop column "source";`);

    this.addSql(`alter table "program" drop column "source";`);
  }
}
