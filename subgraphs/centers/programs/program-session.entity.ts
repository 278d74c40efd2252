import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../../lib/subgraph/scalars';
import type { Program } from './program.entity';

/** Keyed by (program, position): the key doubles as the per-program index and needs no generated id. */
@ObjectType({ description: 'One meeting of a program.' })
@Entity({ tableName: 'program_session' })
export class ProgramSession {
  [PrimaryKeyProp]?: ['program', 'position'];

  @ManyToOne('Program', { ref: true, primary: true, index: false })
  program!: Ref<Program>;

  @Field(() => Int, { description: 'The meeting number, from 1, in time order.' })
  @PrimaryKey()
  position!: number;

  @Field(() => DateTimeScalar)
  @Property({ length: 32 })
  startsAt!: string;

  @Field(() => DateTimeScalar)
  @Property({ length: 32 })
  endsAt!: string;
}
