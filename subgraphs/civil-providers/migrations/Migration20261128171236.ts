import { Migration } from '@mikro-orm/migrations';

export class Migration20261128171236 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "civil_provider" ("id" varchar(16) not null, "name" varchar(255) not null, "kind" text check ("kind" in ('NONPROFIT', 'COOPERATIVE', 'SOCIAL_ENTERPRISE', 'ACADEMY', 'UNIVERSITY_EXTENSION', 'COMMUNITY_GROUP')) not null, "certified_excellent" boolean not null, constraint "civil_provider_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "civil_provider_kind_index" on "civil_provider" ("kind");`);
    this.addSql(`create index "civil_provider_certified_excellent_index" on "civil_provider" ("certified_excellent");`);
    this.addSql(`create index "civil_provider_name_id_index" on "civil_provider" ("name", "id");`);

    this.addSql(
      `create table "idempotency_record" ("key" varchar(400) not null, "result_id" varchar(64) not null, "created_at" varchar(40) not null, constraint "idempotency_record_pkey" primary key ("key"));`,
    );

    this.addSql(
      `create table "seed_run" ("id" serial primary key, "seed" int not null, "programs" int not null, "finished_at" varchar(40) not null);`,
    );

    this.addSql(
      `create table "served_area" ("provider_id" varchar(16) not null, "district_code" varchar(5) not null, constraint "served_area_pkey" primary key ("provider_id", "district_code"));`,
    );
    this.addSql(`create index "served_area_district_code_index" on "served_area" ("district_code");`);

    this.addSql(
      `alter table "served_area" add constraint "served_area_provider_id_foreign" foreign key ("provider_id") references "civil_provider" ("id") on update cascade;`,
    );
  }
}
