import { Field, ID, InputType } from 'type-graphql';
import { CivilProviderKind } from './civil-provider.entity';

@InputType({ description: 'Only the fields given change.' })
export class UpdateCivilProviderProfileInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: '1 to 100 characters (trimmed).' })
  name?: string | null;

  @Field(() => CivilProviderKind, { nullable: true })
  kind?: CivilProviderKind | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Every district it serves (5-digit codes): replaces the current list; at least one.',
  })
  districtCodes?: string[] | null;
}

@InputType()
export class SetCivilProviderCertificationInput {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Whether the city certifies its programs as excellent (서울시 우수 평생교육 프로그램 인증).' })
  certifiedExcellent!: boolean;
}
