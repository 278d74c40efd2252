import { Migration } from '@mikro-orm/migrations';

/** The open-data feed's change number on programs (program.modified) and its (modified, id) index. */
export class Migration20261128172215 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "program" add column "modified" bigint not null default 0;`);
    // Programs already there: their last change time in milliseconds, as the seed writes it.
    this.addSql(`update "program" set "modified" = (extract(epoch from "updated_at"::timestamptz) * 1000)::bigint;`);
    this.addSql(`create index "program_modified_id_index" on "program" ("modified", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "program_modified_id_index";`);
    this.addSql(`alter table "program" drop column "modified";`);
  }
}
