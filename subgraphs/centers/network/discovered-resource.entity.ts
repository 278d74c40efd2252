import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../lib/subgraph/scalars';
import { INSTITUTION_TYPENAMES, type InstitutionTypename } from '../../../lib/typenames';
import type { Dong } from '../places/dong.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

export enum DiscoveredResourceKind {
  SPACE = 'SPACE',
  INSTITUTION = 'INSTITUTION',
  PERSON_SKILL = 'PERSON_SKILL',
}
registerEnumType(DiscoveredResourceKind, {
  name: 'DiscoveredResourceKind',
  description: 'What kind of learning resource was found in a district (지역 학습자원).',
  valuesConfig: {
    SPACE: { description: 'A room or place that could host learning (공간).' },
    INSTITUTION: { description: 'An organisation that could cooperate (기관).' },
    PERSON_SKILL: {
      description:
        "A resident's skill that could be taught (인적 자원): described by the skill only, never the person.",
    },
  },
});

/**
 * A learning resource an expert (or officer) found in the district: a space, an institution, or a person's skill.
 * It holds no contact data (a person's skill is described, never the person), so it is checked like counseling.
 */
@ObjectType({
  description:
    'A learning resource found in a district by its experts (지역 학습자원 발굴). In the demonstration seed these are generated (provenance GENERATED).',
})
@Entity({ tableName: 'discovered_resource' })
@Index({ properties: ['districtCode', 'recordedAt', 'id'] })
export class DiscoveredResource {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @Property({ length: 5 })
  districtCode!: string;

  @Field(() => DiscoveredResourceKind)
  @Enum({ items: () => DiscoveredResourceKind })
  kind!: DiscoveredResourceKind;

  @Field({ description: "Its name; for a person's skill, the skill (e.g. 한지 공예), never the person's name." })
  @Property({ length: 200 })
  name!: string;

  @Field({ description: 'What it offers for learning.' })
  @Property({ length: 2000 })
  description!: string;

  @Field(() => String, { nullable: true, description: 'A contact-free note (how it could be used, when).' })
  @Property({ length: 500, nullable: true })
  note!: string | null;

  @ManyToOne('Dong', { ref: true, nullable: true })
  dong!: Ref<Dong> | null;

  /** An existing institution of the network it is, or belongs to (typename and id, like a partner). */
  @Enum({ items: [...INSTITUTION_TYPENAMES], nullable: true })
  institutionType!: InstitutionTypename | null;

  @Property({ length: 32, nullable: true })
  institutionId!: string | null;

  /** The token subject that recorded it. */
  @Property({ length: 128 })
  recordedBy!: string;

  @Field(() => DateTimeScalar)
  @Property({ length: 32 })
  recordedAt!: string;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was archived (no longer current); null if not.',
  })
  @Property({ length: 32, nullable: true })
  archivedAt: string | null = null;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
