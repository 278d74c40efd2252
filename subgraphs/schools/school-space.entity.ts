import { Entity, ManyToOne, type Ref } from '@mikro-orm/core';
import { Directive, ObjectType } from 'type-graphql';
import { Space } from '../../lib/subgraph/space.entity';
import type { School } from './school.entity';

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A school room opened to residents for programs. In the demonstration seed these are generated (provenance GENERATED).',
})
@Entity({ tableName: 'school_space' })
export class SchoolSpace extends Space {
  @ManyToOne('School', { ref: true, index: true })
  school!: Ref<School>;
}
