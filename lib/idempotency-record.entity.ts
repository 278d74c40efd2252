import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The result of a mutation run with an idempotency key: a retry returns it instead of running again. */
@Entity({ tableName: 'idempotency_record' })
export class IdempotencyRecord {
  /** `<operation>:<subject>:<client key>`: a key means something only for one caller and one operation. */
  @PrimaryKey({ length: 400 })
  key!: string;

  @Property({ length: 64 })
  resultId!: string;

  @Property({ length: 40 })
  createdAt!: string;
}
