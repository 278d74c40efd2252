import { Migration } from '@mikro-orm/migrations';

export class Migration20261204134841 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "cooperation_agreement" ("district_code" varchar(5) not null, "since" varchar(10) not null, "status" text check ("status" in ('ACTIVE', 'SUSPENDED', 'ENDED')) not null, "note" text null, "updated_at" varchar(32) not null, constraint "cooperation_agreement_pkey" primary key ("district_code"));`,
    );

    this.addSql(
      `create table "support_request" ("id" varchar(16) not null, "district_code" varchar(5) not null, "kind" text check ("kind" in ('EXPERT_STAFFING', 'FINANCIAL', 'CONSULTING')) not null, "year" int not null, "note" text not null, "status" text check ("status" in ('REQUESTED', 'GRANTED', 'DECLINED', 'WITHDRAWN')) not null, "requested_at" varchar(32) not null, "decided_at" varchar(32) null, "decline_reason" text null, "city_support_id" varchar(16) null, constraint "support_request_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "support_request_requested_at_id_index" on "support_request" ("requested_at", "id");`);
    this.addSql(
      `create index "support_request_status_requested_at_id_index" on "support_request" ("status", "requested_at", "id");`,
    );
    this.addSql(
      `create index "support_request_district_code_requested_at_id_index" on "support_request" ("district_code", "requested_at", "id");`,
    );

    this.addSql(
      `alter table "support_request" add constraint "support_request_district_code_foreign" foreign key ("district_code") references "district" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "support_request" add constraint "support_request_city_support_id_foreign" foreign key ("city_support_id") references "city_support" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "program" add column "certified_year" int null, add column "certified_at" varchar(32) null;`,
    );
    this.addSql(
      `create index "program_certified_year_status_starts_on_id_index" on "program" ("certified_year", "status", "starts_on", "id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "cooperation_agreement" cascade;`);

    this.addSql(`drop table if exists "support_request" cascade;`);

    this.addSql(`drop index "program_certified_year_status_starts_on_id_index";`);
    this.addSql(`alter table "program" drop column "certified_year", drop column "certified_at";`);
  }
}
