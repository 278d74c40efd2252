import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { District } from '../places/district.entity';
import { ProvenanceColumn, type SourceColumn } from '../../../lib/subgraph/provenance';

export enum CitySupportKind {
  EXPERT_STAFFING = 'EXPERT_STAFFING',
  FINANCIAL = 'FINANCIAL',
  CONSULTING = 'CONSULTING',
}

/** The three kinds of help the city's cooperation model offers a district, in the city's own words. */
export const CITY_SUPPORT_KINDS: Record<CitySupportKind, { nameKo: string; nameEn: string; description: string }> = {
  EXPERT_STAFFING: {
    nameKo: '전문인력 지원',
    nameEn: 'Expert staff',
    description:
      "① Expert staff: the city places Dong Lifelong Learning Experts (동 평생학습 전문가) in the district's centers, at least two per district, often paying their salaries.",
  },
  FINANCIAL: {
    nameKo: '재정 지원',
    nameEn: 'Financial support',
    description: "② Financial support: the city funds the running of the district's Neighborhood Learning Centers.",
  },
  CONSULTING: {
    nameKo: '맞춤형 컨설팅',
    nameEn: 'Custom consulting',
    description:
      '③ Custom consulting: the city advises the district on its plan, its programs and its learning network.',
  },
};

registerEnumType(CitySupportKind, {
  name: 'CitySupportKind',
  description:
    "How the city helps a district that joined its cooperation model: ① expert staff, ② financial support, ③ custom consulting (`citySupportKinds` has each kind's Korean and English name).",
  valuesConfig: Object.fromEntries(
    Object.entries(CITY_SUPPORT_KINDS).map(([kind, { nameKo, description }]) => [
      kind,
      { description: `${nameKo}. ${description}` },
    ]),
  ),
});

@ObjectType({ description: 'One kind of city support, named in Korean and English.' })
export class CitySupportKindInfo {
  @Field(() => CitySupportKind) kind!: CitySupportKind;
  @Field({ description: 'The Korean name, as the city says it, e.g. "재정 지원".' }) nameKo!: string;
  @Field({ description: 'The English name.' }) nameEn!: string;
  @Field({ description: 'What the city gives, in English.' }) description!: string;
}

@ObjectType({
  description:
    "The city's support to a district in one year. In the demonstration seed these are generated (provenance GENERATED).",
})
@Entity({ tableName: 'city_support' })
export class CitySupport {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @ManyToOne('District', { ref: true, index: true })
  district!: Ref<District>;

  @Field(() => CitySupportKind)
  @Enum({ items: () => CitySupportKind })
  kind!: CitySupportKind;

  @Field(() => Int)
  @Property()
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Amount in won; null for support in kind.' })
  @Property({ type: 'integer', nullable: true })
  amountKrw!: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note!: string | null;

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
