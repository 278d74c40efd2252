import { Entity, ManyToOne, type Ref } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Space } from '../../lib/subgraph/space.entity';
import type { Library } from './library.entity';

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A library room opened to residents for programs. In the demonstration seed these are generated (provenance GENERATED).',
})
@Entity({ tableName: 'library_space' })
export class LibrarySpace extends Space {
  @Field(() => Int, { description: 'How many people the room seats.' })
  declare capacity: number;

  @ManyToOne('Library', { ref: true, index: true })
  library!: Ref<Library>;
}
