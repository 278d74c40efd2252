import { Migration } from '@mikro-orm/migrations';

export class Migration20261204150045 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "cooperation_agreement" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "discovered_resource" add column "source" varchar(32) not null default 'PUBLISHED';`);

    this.addSql(`alter table "support_request" add column "source" varchar(32) not null default 'PUBLISHED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "cooperation_agreement" drop column "source";`);

    this.addSql(`alter table "discovered_resource" drop column "source";`);

    this.addSql(`alter table "support_request" drop column "source";`);
  }
}
