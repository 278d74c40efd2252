import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../../lib/subgraph/scalars';
import { InstitutionRefInput } from '../institutions/institution-ref.input';
import { PartnershipKind } from './partnership.entity';

@InputType({ description: 'A new cooperation link between a learning center and a partner institution.' })
export class CreatePartnershipInput {
  @Field(() => ID)
  centerId!: string;

  @Field(() => InstitutionRefInput, {
    description: 'A school, library, cultural center, civil provider or another learning center.',
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

@InputType()
export class PartnershipIdInput {
  @Field(() => ID)
  id!: string;
}
