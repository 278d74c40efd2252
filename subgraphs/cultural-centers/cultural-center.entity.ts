import { Entity, Enum, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Place } from '../../lib/subgraph/place.entity';

export enum CulturalCenterKind {
  LOCAL_CULTURAL_CENTER = 'LOCAL_CULTURAL_CENTER',
  FOREIGN_CULTURAL_INSTITUTE = 'FOREIGN_CULTURAL_INSTITUTE',
  CULTURE_HOUSE = 'CULTURE_HOUSE',
  ARTS_CENTER = 'ARTS_CENTER',
  PERFORMANCE_HALL = 'PERFORMANCE_HALL',
  MUSEUM = 'MUSEUM',
  GALLERY = 'GALLERY',
  OTHER = 'OTHER',
}
registerEnumType(CulturalCenterKind, {
  name: 'CulturalCenterKind',
  description: 'What sort of cultural space it is, from the category of the Seoul cultural space list.',
  valuesConfig: {
    LOCAL_CULTURAL_CENTER: { description: "A district's own cultural center (구 문화원), e.g. 마포문화원." },
    FOREIGN_CULTURAL_INSTITUTE: {
      description: 'A foreign cultural institute or embassy culture center, e.g. 주한독일문화원.',
    },
    CULTURE_HOUSE: { description: 'A neighbourhood culture house (문화의집).' },
    ARTS_CENTER: { description: 'A public arts center (문화예술회관).' },
    PERFORMANCE_HALL: { description: 'A theatre or concert hall (공연장).' },
    MUSEUM: { description: 'A museum or memorial hall (박물관/기념관).' },
    GALLERY: { description: 'An art museum or gallery (미술관/갤러리).' },
    OTHER: { description: 'Any other cultural space (기타).' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A cultural center, arts center, museum or other cultural space (Seoul Open Data "서울시 문화공간 정보").',
})
@Entity({ tableName: 'cultural_center' })
export class CulturalCenter extends Place {
  @Field(() => ID, { description: 'A stable id numbered by district and name, e.g. "CC0001".' })
  declare id: string;

  // The source's contact columns run longer than the other institutions'.
  @Field(() => String, { nullable: true, description: 'Phone number as published, e.g. "02-2153-0000".' })
  @Property({ length: 64, nullable: true })
  declare phone: string | null;

  @Field(() => String, { nullable: true, description: 'Home page URL as published.' })
  @Property({ length: 1024, nullable: true })
  declare homepage: string | null;

  @Field(() => CulturalCenterKind)
  @Enum({ items: () => CulturalCenterKind, index: true })
  kind!: CulturalCenterKind;

  @Field(() => Int, { nullable: true, description: 'Seats, when the source gives one number.' })
  @Property({ type: 'integer', nullable: true })
  seats!: number | null;
}
