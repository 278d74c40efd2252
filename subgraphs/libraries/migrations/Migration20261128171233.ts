import { Migration } from '@mikro-orm/migrations';

export class Migration20261128171233 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "idempotency_record" ("key" varchar(400) not null, "result_id" varchar(64) not null, "created_at" varchar(40) not null, constraint "idempotency_record_pkey" primary key ("key"));`,
    );

    this.addSql(
      `create table "library" ("id" varchar(16) not null, "name" varchar(255) not null, "kind" text check ("kind" in ('PUBLIC', 'SMALL', 'CHILDREN', 'SCHOOL')) not null, "district_code" varchar(5) not null, "dong_code" varchar(10) null, "lat" double precision not null, "lng" double precision not null, "address" varchar(255) null, "phone" varchar(32) null, "homepage" varchar(255) null, "seats" int null, constraint "library_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "library_kind_index" on "library" ("kind");`);
    this.addSql(`create index "library_district_code_index" on "library" ("district_code");`);
    this.addSql(`create index "library_dong_code_index" on "library" ("dong_code");`);
    this.addSql(`create index "library_name_id_index" on "library" ("name", "id");`);

    this.addSql(
      `create table "library_space" ("id" varchar(24) not null, "name" varchar(255) not null, "capacity" int not null, "library_id" varchar(16) not null, "removed_at" varchar(40) null, constraint "library_space_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "library_space_library_id_index" on "library_space" ("library_id");`);

    this.addSql(
      `create table "seed_run" ("id" serial primary key, "seed" int not null, "programs" int not null, "finished_at" varchar(40) not null);`,
    );

    this.addSql(
      `alter table "library_space" add constraint "library_space_library_id_foreign" foreign key ("library_id") references "library" ("id") on update cascade;`,
    );
  }
}
