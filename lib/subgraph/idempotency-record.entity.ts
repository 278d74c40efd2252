import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The result of a mutation run with an idempotency key: a retry by the same caller with the same input
 * returns it instead of running again, until it expires (lib/subgraph/mutation.ts).
 */
@Entity({ tableName: 'idempotency_record' })
export class IdempotencyRecord {
  /**
   * sha256 of the operation, the caller's whole identity (subject, role and the scope claim it acts on)
   * and the client's key: a key means something only for one caller acting in one role and scope.
   */
  @PrimaryKey({ length: 400 })
  key!: string;

  /** sha256 of the input without its key (canonical JSON): the same key with another input is refused. */
  @Property({ length: 64, default: '' })
  inputHash!: string;

  @Property({ length: 64 })
  resultId!: string;

  @Property({ length: 40, index: true })
  createdAt!: string;

  /** ISO time after which the key answers nothing and the record is pruned ('' for records older than expiry). */
  @Property({ length: 40, default: '', index: true })
  expiresAt!: string;
}
