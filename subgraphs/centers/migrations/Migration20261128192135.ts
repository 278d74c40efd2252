import { Migration } from '@mikro-orm/migrations';

/**
 * Program search at scale: the titles lowered once, in generated columns, and carried by the catalog-wide and
 * per-district indexes (which replace the two without them), so a title search counts and pages by index-only scans.
 */
export class Migration20261128192135 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "program_district_code_status_starts_on_id_index";`);
    this.addSql(`drop index "program_status_starts_on_id_index";`);

    this.addSql(
      `alter table "program" add column "title_folded" varchar(255) generated always as (lower(title)) stored null, add column "title_en_folded" varchar(255) generated always as (lower(title_en)) stored null;`,
    );
    this.addSql(
      `create index "program_district_search_index" on "program" ("district_code", "status", "starts_on", "id", "title_folded", "title_en_folded");`,
    );
    this.addSql(
      `create index "program_status_search_index" on "program" ("status", "starts_on", "id", "title_folded", "title_en_folded");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "program_district_search_index";`);
    this.addSql(`drop index "program_status_search_index";`);
    this.addSql(`alter table "program" drop column "title_folded", drop column "title_en_folded";`);

    this.addSql(
      `create index "program_district_code_status_starts_on_id_index" on "program" ("district_code", "status", "starts_on", "id");`,
    );
    this.addSql(`create index "program_status_starts_on_id_index" on "program" ("status", "starts_on", "id");`);
  }
}
