import { Collection, Entity, Enum, Index, OneToMany, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ServedArea } from './served-area.entity';
import { ProvenanceColumn, type SourceColumn } from '../../lib/subgraph/provenance';

export enum CivilProviderKind {
  NONPROFIT = 'NONPROFIT',
  COOPERATIVE = 'COOPERATIVE',
  SOCIAL_ENTERPRISE = 'SOCIAL_ENTERPRISE',
  ACADEMY = 'ACADEMY',
  UNIVERSITY_EXTENSION = 'UNIVERSITY_EXTENSION',
  COMMUNITY_GROUP = 'COMMUNITY_GROUP',
}
registerEnumType(CivilProviderKind, {
  name: 'CivilProviderKind',
  description: 'The legal form of a civil program provider.',
  valuesConfig: {
    NONPROFIT: { description: 'A nonprofit corporation or association ((사)단법인, 비영리민간단체).' },
    COOPERATIVE: { description: 'A cooperative or social cooperative (협동조합, 사회적협동조합).' },
    SOCIAL_ENTERPRISE: { description: 'A certified social enterprise (사회적기업).' },
    ACADEMY: { description: 'A private academy or learning school (아카데미, 배움학교).' },
    UNIVERSITY_EXTENSION: { description: 'A university lifelong-education institute (대학 평생교육원).' },
    COMMUNITY_GROUP: { description: 'A residents’ learning community or village school (배움공동체, 마을학교).' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A civil lifelong-learning program provider. No public roster exists: in the demonstration seed these are generated (provenance GENERATED).',
})
@Entity({ tableName: 'civil_provider' })
@Index({ properties: ['name', 'id'] })
export class CivilProvider {
  @Field(() => ID)
  @PrimaryKey({ length: 16 })
  id!: string;

  @Field()
  @Property()
  name!: string;

  @Field(() => CivilProviderKind)
  @Enum({ items: () => CivilProviderKind, index: true })
  kind!: CivilProviderKind;

  @Field({
    description:
      'The city recognises the provider for excellent lifelong-education programs (서울시 우수 평생교육 프로그램 인증), its standing as a provider; the city certifies each program on its own, for a year (Program.certification).',
  })
  @Property({ index: true })
  certifiedExcellent!: boolean;

  @OneToMany(() => ServedArea, (area) => area.provider)
  servedAreas = new Collection<ServedArea>(this);

  @ProvenanceColumn()
  source: SourceColumn = 'PUBLISHED';
}
