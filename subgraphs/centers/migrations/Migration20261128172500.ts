import { Migration } from '@mikro-orm/migrations';

/** Program search: the English title, and the center's point copied onto programs with a (lat, lng) index for distance searches. */
export class Migration20261128172500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "program" add column "title_en" varchar(255) null, add column "lat" double precision null, add column "lng" double precision null;`,
    );
    // Programs already there take their center's point.
    this.addSql(
      `update "program" set "lat" = c."lat", "lng" = c."lng" from "learning_center" c where c."id" = "program"."center_id";`,
    );
    this.addSql(`alter table "program" alter column "lat" set not null, alter column "lng" set not null;`);
    this.addSql(`create index "program_lat_lng_index" on "program" ("lat", "lng");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "program_lat_lng_index";`);
    this.addSql(`alter table "program" drop column "title_en", drop column "lat", drop column "lng";`);
  }
}
