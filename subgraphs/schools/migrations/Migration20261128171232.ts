import { Migration } from '@mikro-orm/migrations';

export class Migration20261128171232 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "education_office" ("code" varchar(16) not null, "name_ko" varchar(255) not null, "name_en" varchar(255) not null, constraint "education_office_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "idempotency_record" ("key" varchar(400) not null, "result_id" varchar(64) not null, "created_at" varchar(40) not null, constraint "idempotency_record_pkey" primary key ("key"));`,
    );

    this.addSql(
      `create table "school" ("id" varchar(16) not null, "name" varchar(255) not null, "level" text check ("level" in ('ELEMENTARY', 'MIDDLE', 'HIGH')) not null, "district_code" varchar(5) not null, "dong_code" varchar(10) null, "education_office_code" varchar(16) not null, "lat" double precision not null, "lng" double precision not null, "address" varchar(255) null, "phone" varchar(32) null, "homepage" varchar(255) null, "founded_on" varchar(10) null, constraint "school_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "school_level_index" on "school" ("level");`);
    this.addSql(`create index "school_district_code_index" on "school" ("district_code");`);
    this.addSql(`create index "school_dong_code_index" on "school" ("dong_code");`);
    this.addSql(`create index "school_education_office_code_index" on "school" ("education_office_code");`);
    this.addSql(`create index "school_name_id_index" on "school" ("name", "id");`);

    this.addSql(
      `create table "school_space" ("id" varchar(24) not null, "name" varchar(255) not null, "capacity" int not null, "school_id" varchar(16) not null, "removed_at" varchar(40) null, constraint "school_space_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "school_space_school_id_index" on "school_space" ("school_id");`);

    this.addSql(
      `create table "seed_run" ("id" serial primary key, "seed" int not null, "programs" int not null, "finished_at" varchar(40) not null);`,
    );

    this.addSql(
      `create table "served_district" ("district_code" varchar(5) not null, "education_office_code" varchar(16) not null, constraint "served_district_pkey" primary key ("district_code"));`,
    );
    this.addSql(
      `create index "served_district_education_office_code_index" on "served_district" ("education_office_code");`,
    );

    this.addSql(
      `alter table "school" add constraint "school_education_office_code_foreign" foreign key ("education_office_code") references "education_office" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "school_space" add constraint "school_space_school_id_foreign" foreign key ("school_id") references "school" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "served_district" add constraint "served_district_education_office_code_foreign" foreign key ("education_office_code") references "education_office" ("code") on update cascade;`,
    );
  }
}
