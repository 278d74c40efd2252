import { Migration } from '@mikro-orm/migrations';

export class Migration20261204112534 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "community_membership" ("id" varchar(16) not null, "community_id" varchar(16) not null, "resident_id" varchar(255) not null, "joined_at" varchar(32) not null, constraint "community_membership_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "community_membership_resident_id_joined_at_id_index" on "community_membership" ("resident_id", "joined_at", "id");`,
    );
    this.addSql(
      `alter table "community_membership" add constraint "community_membership_community_id_resident_id_unique" unique ("community_id", "resident_id");`,
    );

    this.addSql(
      `create table "community_activity" ("id" varchar(16) not null, "community_id" varchar(16) not null, "held_on" varchar(10) not null, "kind" text check ("kind" in ('MEETING', 'STUDY', 'EXHIBITION', 'VOLUNTEERING', 'OTHER')) not null, "attendance" int not null, "note" varchar(500) null, "recorded_at" varchar(32) not null, constraint "community_activity_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "community_activity_community_id_held_on_id_index" on "community_activity" ("community_id", "held_on", "id");`,
    );

    this.addSql(
      `create table "notice" ("id" varchar(16) not null, "district_code" varchar(5) not null, "center_id" varchar(32) null, "title" varchar(200) not null, "body" text not null, "starts_on" varchar(10) not null, "ends_on" varchar(10) not null, "status" text check ("status" in ('PUBLISHED', 'WITHDRAWN')) not null, "published_at" varchar(32) not null, "updated_at" varchar(32) not null, "modified" bigint not null default 0, constraint "notice_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "notice_modified_id_index" on "notice" ("modified", "id");`);
    this.addSql(
      `create index "notice_center_id_status_starts_on_id_index" on "notice" ("center_id", "status", "starts_on", "id");`,
    );
    this.addSql(
      `create index "notice_district_code_status_starts_on_id_index" on "notice" ("district_code", "status", "starts_on", "id");`,
    );

    this.addSql(
      `alter table "community_membership" add constraint "community_membership_community_id_foreign" foreign key ("community_id") references "learning_community" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "community_activity" add constraint "community_activity_community_id_foreign" foreign key ("community_id") references "learning_community" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "notice" add constraint "notice_district_code_foreign" foreign key ("district_code") references "district" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "notice" add constraint "notice_center_id_foreign" foreign key ("center_id") references "learning_center" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "community_membership" cascade;`);

    this.addSql(`drop table if exists "community_activity" cascade;`);

    this.addSql(`drop table if exists "notice" cascade;`);
  }
}
