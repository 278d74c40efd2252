import { Field, ID, InputType } from 'type-graphql';
import { CivilProviderKind } from './civil-provider.entity';

@InputType({ description: 'A civil provider the city or a district officer registers.' })
export class RegisterCivilProviderInput {
  @Field({ description: '1 to 100 characters (trimmed).' })
  name!: string;

  @Field(() => CivilProviderKind)
  kind!: CivilProviderKind;

  @Field(() => [ID], {
    description:
      'The districts it serves (5-digit codes), 1 to 25: a district officer registers providers of their own district only.',
  })
  districtCodes!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the first provider instead of registering another.',
  })
  idempotencyKey?: string | null;
}

@InputType({
  description:
    "Only the fields given change. A district officer changes, of the districts, only whether it serves the officer's own.",
})
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

  @Field({
    description:
      "Whether the city recognises the provider as a provider of excellent programs; each program's own certification is Program.certification.",
  })
  certifiedExcellent!: boolean;
}
