import { Migration } from '@mikro-orm/migrations';

export class Migration20261128171234 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "cultural_center" ("id" varchar(16) not null, "name" varchar(255) not null, "kind" text check ("kind" in ('LOCAL_CULTURAL_CENTER', 'FOREIGN_CULTURAL_INSTITUTE', 'CULTURE_HOUSE', 'ARTS_CENTER', 'PERFORMANCE_HALL', 'MUSEUM', 'GALLERY', 'OTHER')) not null, "district_code" varchar(5) not null, "dong_code" varchar(10) null, "lat" double precision not null, "lng" double precision not null, "address" varchar(255) null, "phone" varchar(64) null, "homepage" varchar(1024) null, "seats" int null, constraint "cultural_center_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "cultural_center_kind_index" on "cultural_center" ("kind");`);
    this.addSql(`create index "cultural_center_district_code_index" on "cultural_center" ("district_code");`);
    this.addSql(`create index "cultural_center_dong_code_index" on "cultural_center" ("dong_code");`);
    this.addSql(`create index "cultural_center_name_id_index" on "cultural_center" ("name", "id");`);

    this.addSql(
      `create table "cultural_space" ("id" varchar(24) not null, "name" varchar(255) not null, "capacity" int not null, "cultural_center_id" varchar(16) not null, "removed_at" varchar(40) null, constraint "cultural_space_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "cultural_space_cultural_center_id_index" on "cultural_space" ("cultural_center_id");`);

    this.addSql(
      `create table "idempotency_record" ("key" varchar(400) not null, "result_id" varchar(64) not null, "created_at" varchar(40) not null, constraint "idempotency_record_pkey" primary key ("key"));`,
    );

    this.addSql(
      `create table "seed_run" ("id" serial primary key, "seed" int not null, "programs" int not null, "finished_at" varchar(40) not null);`,
    );

    this.addSql(
      `alter table "cultural_space" add constraint "cultural_space_cultural_center_id_foreign" foreign key ("cultural_center_id") references "cultural_center" ("id") on update cascade;`,
    );
  }
}
