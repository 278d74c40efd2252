import { Migration } from '@mikro-orm/migrations';

export class Migration20261128171230 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "district" ("code" varchar(5) not null, "name_ko" varchar(255) not null, "name_en" varchar(255) not null, "lat" double precision not null, "lng" double precision not null, "area_km2" double precision not null, constraint "district_pkey" primary key ("code"));`,
    );

    this.addSql(
      `create table "city_support" ("id" varchar(16) not null, "district_code" varchar(5) not null, "kind" text check ("kind" in ('EXPERT_STAFFING', 'FINANCIAL', 'CONSULTING')) not null, "year" int not null, "amount_krw" int null, "note" text null, constraint "city_support_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "city_support_district_code_index" on "city_support" ("district_code");`);

    this.addSql(
      `create table "dong" ("code" varchar(10) not null, "name_ko" varchar(255) not null, "name_en" varchar(255) not null, "district_code" varchar(5) not null, "lat" double precision not null, "lng" double precision not null, "area_km2" double precision null, constraint "dong_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "dong_district_code_index" on "dong" ("district_code");`);

    this.addSql(
      `create table "idempotency_record" ("key" varchar(400) not null, "result_id" varchar(64) not null, "created_at" varchar(40) not null, constraint "idempotency_record_pkey" primary key ("key"));`,
    );

    this.addSql(
      `create table "learning_center" ("id" varchar(32) not null, "name" varchar(255) not null, "dong_code" varchar(10) not null, "district_code" varchar(5) not null, "lat" double precision not null, "lng" double precision not null, "venue_type" text check ("venue_type" in ('SchoolSpace', 'LibrarySpace', 'CulturalSpace', 'CenterSpace')) null, "venue_id" varchar(32) null, "opened_on" varchar(10) null, constraint "learning_center_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "learning_center_dong_code_index" on "learning_center" ("dong_code");`);
    this.addSql(`create index "learning_center_district_code_index" on "learning_center" ("district_code");`);
    this.addSql(`create index "learning_center_name_id_index" on "learning_center" ("name", "id");`);

    this.addSql(
      `create table "center_space" ("id" varchar(32) not null, "name" varchar(255) not null, "capacity" int not null, "center_id" varchar(32) not null, constraint "center_space_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "center_space_center_id_index" on "center_space" ("center_id");`);

    this.addSql(
      `create table "learning_community" ("id" varchar(16) not null, "name" varchar(255) not null, "center_id" varchar(32) not null, "member_count" int not null, "track" text check ("track" in ('LIFE_CULTURE', 'VOCATIONAL_CAPACITY', 'LOCAL_PROBLEM_SOLVING')) not null, constraint "learning_community_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "learning_community_center_id_index" on "learning_community" ("center_id");`);

    this.addSql(
      `create table "lifelong_education_field" ("code" varchar(8) not null, "name_ko" varchar(255) not null, "name_en" varchar(255) not null, "parent_code" varchar(8) null, constraint "lifelong_education_field_pkey" primary key ("code"));`,
    );
    this.addSql(
      `create index "lifelong_education_field_parent_code_index" on "lifelong_education_field" ("parent_code");`,
    );

    this.addSql(
      `create table "lifelong_learning_expert" ("id" varchar(16) not null, "name" varchar(255) not null, "district_code" varchar(5) not null, "center_id" varchar(32) null, "duties" jsonb not null, constraint "lifelong_learning_expert_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "lifelong_learning_expert_district_code_index" on "lifelong_learning_expert" ("district_code");`,
    );
    this.addSql(`create index "lifelong_learning_expert_center_id_index" on "lifelong_learning_expert" ("center_id");`);

    this.addSql(
      `create table "partnership" ("id" varchar(16) not null, "center_id" varchar(32) not null, "district_code" varchar(5) not null, "partner_type" text check ("partner_type" in ('LearningCenter', 'School', 'Library', 'CulturalCenter', 'CivilProvider')) not null, "partner_id" varchar(32) not null, "kind" text check ("kind" in ('VENUE_SHARING', 'CO_HOSTING', 'INSTRUCTOR_EXCHANGE', 'RESOURCE_SHARING')) not null, "since" varchar(10) not null, "active" boolean not null, constraint "partnership_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "partnership_center_id_index" on "partnership" ("center_id");`);
    this.addSql(`create index "partnership_kind_index" on "partnership" ("kind");`);
    this.addSql(`create index "partnership_active_index" on "partnership" ("active");`);
    this.addSql(
      `create index "partnership_partner_type_partner_id_index" on "partnership" ("partner_type", "partner_id");`,
    );
    this.addSql(
      `create index "partnership_district_code_since_id_index" on "partnership" ("district_code", "since", "id");`,
    );
    this.addSql(`create index "partnership_since_id_index" on "partnership" ("since", "id");`);

    this.addSql(
      `create table "program" ("id" varchar(16) not null, "title" varchar(255) not null, "description" text null, "track" text check ("track" in ('LIFE_CULTURE', 'VOCATIONAL_CAPACITY', 'LOCAL_PROBLEM_SOLVING')) not null, "field_code" varchar(8) not null, "center_id" varchar(32) not null, "district_code" varchar(5) not null, "dong_code" varchar(10) not null, "host_type" text check ("host_type" in ('LearningCenter', 'School', 'Library', 'CulturalCenter', 'CivilProvider')) not null, "host_id" varchar(32) not null, "venue_type" text check ("venue_type" in ('SchoolSpace', 'LibrarySpace', 'CulturalSpace', 'CenterSpace')) null, "venue_id" varchar(32) null, "starts_on" varchar(10) not null, "ends_on" varchar(10) not null, "capacity" int not null, "confirmed_count" int not null default 0, "fee_krw" int not null, "status" text check ("status" in ('DRAFT', 'PUBLISHED', 'ARCHIVED')) not null, "version" int not null default 1, "created_at" varchar(32) not null, "updated_at" varchar(32) not null, constraint "program_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "program_track_index" on "program" ("track");`);
    this.addSql(`create index "program_field_code_index" on "program" ("field_code");`);
    this.addSql(
      `create index "program_host_type_host_id_status_starts_on_id_index" on "program" ("host_type", "host_id", "status", "starts_on", "id");`,
    );
    this.addSql(
      `create index "program_center_id_status_starts_on_id_index" on "program" ("center_id", "status", "starts_on", "id");`,
    );
    this.addSql(
      `create index "program_dong_code_status_starts_on_id_index" on "program" ("dong_code", "status", "starts_on", "id");`,
    );
    this.addSql(
      `create index "program_district_code_status_starts_on_id_index" on "program" ("district_code", "status", "starts_on", "id");`,
    );
    this.addSql(`create index "program_status_starts_on_id_index" on "program" ("status", "starts_on", "id");`);

    this.addSql(
      `create table "enrollment" ("id" varchar(24) not null, "program_id" varchar(16) not null, "resident_id" varchar(32) not null, "status" text check ("status" in ('CONFIRMED', 'WAITLISTED', 'CANCELLED')) not null, "waitlist_position" int null, "created_at" varchar(32) not null, constraint "enrollment_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "enrollment_program_id_index" on "enrollment" ("program_id");`);
    this.addSql(
      `create index "enrollment_resident_id_created_at_id_index" on "enrollment" ("resident_id", "created_at", "id");`,
    );
    this.addSql(
      `create unique index "enrollment_active_resident_unique" on "enrollment" ("program_id", "resident_id") where "status" <> 'CANCELLED';`,
    );

    this.addSql(
      `create table "program_session" ("program_id" varchar(16) not null, "position" int not null, "starts_at" varchar(32) not null, "ends_at" varchar(32) not null, constraint "program_session_pkey" primary key ("program_id", "position"));`,
    );

    this.addSql(
      `create table "seed_run" ("id" serial primary key, "seed" int not null, "programs" int not null, "finished_at" varchar(40) not null);`,
    );

    this.addSql(
      `alter table "city_support" add constraint "city_support_district_code_foreign" foreign key ("district_code") references "district" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "dong" add constraint "dong_district_code_foreign" foreign key ("district_code") references "district" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "learning_center" add constraint "learning_center_dong_code_foreign" foreign key ("dong_code") references "dong" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "learning_center" add constraint "learning_center_district_code_foreign" foreign key ("district_code") references "district" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "center_space" add constraint "center_space_center_id_foreign" foreign key ("center_id") references "learning_center" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "learning_community" add constraint "learning_community_center_id_foreign" foreign key ("center_id") references "learning_center" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "lifelong_education_field" add constraint "lifelong_education_field_parent_code_foreign" foreign key ("parent_code") references "lifelong_education_field" ("code") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "lifelong_learning_expert" add constraint "lifelong_learning_expert_district_code_foreign" foreign key ("district_code") references "district" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "lifelong_learning_expert" add constraint "lifelong_learning_expert_center_id_foreign" foreign key ("center_id") references "learning_center" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "partnership" add constraint "partnership_center_id_foreign" foreign key ("center_id") references "learning_center" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "program" add constraint "program_field_code_foreign" foreign key ("field_code") references "lifelong_education_field" ("code") on update cascade;`,
    );
    this.addSql(
      `alter table "program" add constraint "program_center_id_foreign" foreign key ("center_id") references "learning_center" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "enrollment" add constraint "enrollment_program_id_foreign" foreign key ("program_id") references "program" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "program_session" add constraint "program_session_program_id_foreign" foreign key ("program_id") references "program" ("id") on update cascade;`,
    );
  }
}
