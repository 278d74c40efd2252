import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../../lib/subgraph/scalars';

@InputType({ description: 'A new notice, for one learning center or for a whole district: give one of the two.' })
export class PublishNoticeInput {
  @Field(() => ID, { nullable: true, description: 'The learning center it is for.' })
  centerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The district it is for, when it is for no one center.' })
  districtCode?: string | null;

  @Field({ description: '1 to 200 characters.' })
  title!: string;

  @Field({ description: '1 to 5000 characters.' })
  body!: string;

  @Field(() => DateScalar)
  startsOn!: string;

  @Field(() => DateScalar, { description: 'Not before startsOn.' })
  endsOn!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the first result instead of publishing another.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a published notice; omitted fields stay as they are.' })
export class UpdateNoticeInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  body?: string | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: string | null;
}

@InputType()
export class WithdrawNoticeInput {
  @Field(() => ID)
  id!: string;
}
