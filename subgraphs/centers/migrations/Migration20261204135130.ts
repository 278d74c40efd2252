import { Migration } from '@mikro-orm/migrations';
import { PARTNERSHIP_STATUS_BACKFILL } from '../network/partnership.entity';

export class Migration20261204135130 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "discovered_resource" ("id" varchar(16) not null, "district_code" varchar(5) not null, "kind" text check ("kind" in ('SPACE', 'INSTITUTION', 'PERSON_SKILL')) not null, "name" varchar(200) not null, "description" varchar(2000) not null, "note" varchar(500) null, "dong_code" varchar(10) null, "institution_type" text check ("institution_type" in ('LearningCenter', 'School', 'Library', 'CulturalCenter', 'CivilProvider')) null, "institution_id" varchar(32) null, "recorded_by" varchar(128) not null, "recorded_at" varchar(32) not null, "archived_at" varchar(32) null, constraint "discovered_resource_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "discovered_resource_district_code_recorded_at_id_index" on "discovered_resource" ("district_code", "recorded_at", "id");`,
    );

    this.addSql(
      `alter table "discovered_resource" add constraint "discovered_resource_dong_code_foreign" foreign key ("dong_code") references "dong" ("code") on update cascade on delete set null;`,
    );

    this.addSql(`alter table "partnership" drop constraint if exists "partnership_partner_type_check";`);

    this.addSql(
      `alter table "partnership" add column "status" text check ("status" in ('PROPOSED', 'ACTIVE', 'DECLINED', 'ENDED')) not null default 'ACTIVE', add column "proposed_by" varchar(128) null, add column "proposed_at" varchar(32) null, add column "proposal_note" varchar(1000) null, add column "decided_by" varchar(128) null, add column "decided_at" varchar(32) null, add column "decline_reason" varchar(1000) null;`,
    );
    this.addSql(
      `alter table "partnership" add constraint "partnership_partner_type_check" check("partner_type" in ('LearningCenter', 'School', 'Library', 'CulturalCenter', 'CivilProvider', 'EducationOffice'));`,
    );
    this.addSql(PARTNERSHIP_STATUS_BACKFILL);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "discovered_resource" cascade;`);

    this.addSql(`alter table "partnership" drop constraint if exists "partnership_partner_type_check";`);

    this.addSql(
      `alter table "partnership" drop column "status", drop column "proposed_by", drop column "proposed_at", drop column "proposal_note", drop column "decided_by", drop column "decided_at", drop column "decline_reason";`,
    );

    this.addSql(
      `alter table "partnership" add constraint "partnership_partner_type_check" check("partner_type" in ('LearningCenter', 'School', 'Library', 'CulturalCenter', 'CivilProvider'));`,
    );
  }
}
