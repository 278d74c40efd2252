import { Entity, ManyToOne, type Ref } from '@mikro-orm/core';
import { Directive, ObjectType } from 'type-graphql';
import { Space } from '../../lib/subgraph/space.entity';
import type { CulturalCenter } from './cultural-center.entity';

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A room of a cultural center that can host programs. In the demonstration seed these are generated (provenance GENERATED).',
})
@Entity({ tableName: 'cultural_space' })
export class CulturalSpace extends Space {
  @ManyToOne('CulturalCenter', { ref: true, index: true })
  culturalCenter!: Ref<CulturalCenter>;
}
