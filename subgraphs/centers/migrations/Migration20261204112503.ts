import { Migration } from '@mikro-orm/migrations';

export class Migration20261204112503 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "counseling_session" ("id" varchar(16) not null, "held_on" varchar(10) not null, "topic" text check ("topic" in ('COURSE_CHOICE', 'MOTIVATION', 'CAREER', 'DIGITAL_SKILLS', 'COMMUNITY', 'OTHER')) not null, "center_id" varchar(32) not null, "district_code" varchar(5) not null, "learner_key" varchar(64) not null, "expert_id" varchar(16) null, "recorded_at" varchar(32) not null, constraint "counseling_session_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "counseling_session_center_id_index" on "counseling_session" ("center_id");`);
    this.addSql(`create index "counseling_session_expert_id_index" on "counseling_session" ("expert_id");`);
    this.addSql(
      `create index "counseling_session_district_code_held_on_id_index" on "counseling_session" ("district_code", "held_on", "id");`,
    );

    this.addSql(
      `alter table "counseling_session" add constraint "counseling_session_center_id_foreign" foreign key ("center_id") references "learning_center" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "counseling_session" add constraint "counseling_session_expert_id_foreign" foreign key ("expert_id") references "lifelong_learning_expert" ("id") on update cascade on delete set null;`,
    );

    this.addSql(`alter table "lifelong_learning_expert" add column "subject" varchar(255) null;`);
    this.addSql(
      `alter table "lifelong_learning_expert" add constraint "lifelong_learning_expert_subject_unique" unique ("subject");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "counseling_session" cascade;`);

    this.addSql(`alter table "lifelong_learning_expert" drop constraint "lifelong_learning_expert_subject_unique";`);
    this.addSql(`alter table "lifelong_learning_expert" drop column "subject";`);
  }
}
