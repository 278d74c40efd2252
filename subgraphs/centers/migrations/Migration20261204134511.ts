import { Migration } from '@mikro-orm/migrations';

export class Migration20261204134511 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "learning_center" add column "kind" text check ("kind" in ('DONG_CENTER', 'NEAR_WORKPLACE_CENTER')) not null default 'DONG_CENTER', add column "address" varchar(200) null, add column "phone" varchar(20) null, add column "opening_hours" varchar(200) null, add column "accessibility_notes" varchar(500) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "learning_center" drop column "kind", drop column "address", drop column "phone", drop column "opening_hours", drop column "accessibility_notes";`,
    );
  }
}
