import { Migration } from '@mikro-orm/migrations';
import { PUBLISHED_AT_BACKFILL } from '../programs/program.entity';

export class Migration20261204041155 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "idempotency_record" add column "input_hash" varchar(64) not null default '', add column "expires_at" varchar(40) not null default '';`,
    );
    this.addSql(`create index "idempotency_record_created_at_index" on "idempotency_record" ("created_at");`);
    this.addSql(`create index "idempotency_record_expires_at_index" on "idempotency_record" ("expires_at");`);

    this.addSql(`alter table "program" add column "published_at" varchar(32) null;`);
    this.addSql(PUBLISHED_AT_BACKFILL);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "idempotency_record_created_at_index";`);
    this.addSql(`drop index "idempotency_record_expires_at_index";`);
    this.addSql(`alter table "idempotency_record" drop column "input_hash", drop column "expires_at";`);

    this.addSql(`alter table "program" drop column "published_at";`);
  }
}
