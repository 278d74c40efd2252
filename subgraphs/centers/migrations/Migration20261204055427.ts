import { Migration } from '@mikro-orm/migrations';

export class Migration20261204055427 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "enrollment" alter column "resident_id" type varchar(255) using ("resident_id"::varchar(255));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "enrollment" alter column "resident_id" type varchar(32) using ("resident_id"::varchar(32));`,
    );
  }
}
