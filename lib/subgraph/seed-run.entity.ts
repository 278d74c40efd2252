import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Written by a completed seed: a database without a row here is seeded on start. */
@Entity({ tableName: 'seed_run' })
export class SeedRun {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property()
  seed!: number;

  @Property()
  programs!: number;

  @Property({ length: 40 })
  finishedAt!: string;
}
