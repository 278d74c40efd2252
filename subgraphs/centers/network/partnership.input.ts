import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../../lib/subgraph/scalars';
import { InstitutionRefInput } from '../institutions/institution-ref.input';
import { PartnershipKind } from './partnership.entity';

@InputType({ description: 'A new cooperation link between a learning center and a partner institution.' })
export class CreatePartnershipInput {
  @Field(() => ID)
  centerId!: string;

  @Field(() => InstitutionRefInput, {
    description:
      'A school, library, cultural center, civil provider, another learning center or an office of education.',
  })
  partner!: InstitutionRefInput;

  @Field(() => PartnershipKind)
  kind!: PartnershipKind;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'When it began; today (in Seoul) when omitted. Not in the future.',
  })
  since?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the first result instead of creating another.',
  })
  idempotencyKey?: string | null;
}

@InputType({
  description: "An expert's proposal of a partnership, for the district's officer (or the city) to decide.",
})
export class ProposePartnershipInput extends CreatePartnershipInput {
  @Field(() => String, {
    nullable: true,
    description: 'Why the partnership is worth making (at most 1000 characters).',
  })
  note?: string | null;
}

@InputType()
export class PartnershipIdInput {
  @Field(() => ID)
  id!: string;
}

@InputType({ description: 'A proposal to decline, and why.' })
export class DeclinePartnershipInput extends PartnershipIdInput {
  @Field(() => String, { nullable: true, description: 'Why it is declined (at most 1000 characters).' })
  reason?: string | null;
}
