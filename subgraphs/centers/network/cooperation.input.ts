import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../../lib/subgraph/scalars';
import { CitySupportKind } from './city-support.entity';
import { CooperationStatus } from './cooperation-agreement.entity';

@InputType({
  description: "Records a district's cooperation agreement with the city, or changes it: the whole agreement is given.",
})
export class SetCooperationAgreementInput {
  @Field(() => ID)
  districtCode!: string;

  @Field(() => DateScalar, { description: 'The day the district joined; not after today.' })
  since!: string;

  @Field(() => CooperationStatus)
  status!: CooperationStatus;

  @Field(() => String, { nullable: true, description: 'Up to 500 characters; null or left out: none.' })
  note?: string | null;
}

@InputType({ description: "A district's request for the city's support of one kind in one year." })
export class RequestCitySupportInput {
  @Field(() => ID, { description: "The requesting officer's own district." })
  districtCode!: string;

  @Field(() => CitySupportKind)
  kind!: CitySupportKind;

  @Field(() => Int, { description: '2000 to 2100.' })
  year!: number;

  @Field({ description: 'What the district needs, 1 to 1000 characters.' })
  note!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the first request instead of making another.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Grants a request: the city records its support of the requested kind and year.' })
export class GrantSupportRequestInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Amount in won, at least 0: required for FINANCIAL support, optional for the others.',
  })
  amountKrw?: number | null;

  @Field(() => String, { nullable: true, description: "The support record's note, up to 500 characters." })
  note?: string | null;
}

@InputType()
export class DeclineSupportRequestInput {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Why the city declines, 1 to 500 characters: the district reads it.' })
  reason!: string;
}

@InputType()
export class SupportRequestIdInput {
  @Field(() => ID)
  id!: string;
}
