import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../lib/subgraph/scalars';
import type { Program } from './program.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

export enum EnrollmentStatus {
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(EnrollmentStatus, { name: 'EnrollmentStatus' });

/**
 * A resident's place in a program. The resident stays out of GraphQL: it is personal data.
 * One active (confirmed or waitlisted) enrollment per resident and program: a partial unique
 * index, written the same for SQLite and PostgreSQL, so any number of cancelled ones may stay.
 */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "A resident's enrollment in a program. In the demonstration seed these are generated (provenance GENERATED).",
})
@Entity({ tableName: 'enrollment' })
@Unique({
  name: 'enrollment_active_resident_unique',
  expression: `create unique index "enrollment_active_resident_unique" on "enrollment" ("program_id", "resident_id") where "status" <> 'CANCELLED'`,
})
@Index({ properties: ['residentId', 'createdAt', 'id'] })
export class Enrollment {
  @Field(() => ID)
  @PrimaryKey({ length: 24 })
  id!: string;

  @ManyToOne('Program', { ref: true, index: true })
  program!: Ref<Program>;

  @Property({ length: 255 }) // a token subject (lib/auth.ts allows up to 255 characters)
  residentId!: string;

  @Field(() => EnrollmentStatus)
  @Enum({ items: () => EnrollmentStatus })
  status!: EnrollmentStatus;

  @Field(() => Int, { nullable: true, description: 'Place in the waitlist, from 1; null unless waitlisted.' })
  @Property({ type: 'integer', nullable: true })
  waitlistPosition!: number | null;

  @Field(() => DateTimeScalar)
  @Property({ length: 32 })
  createdAt!: string;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
