import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../../lib/subgraph/scalars';
import { ProgramTrack } from '../programs/program-track';
import { CommunityActivityKind } from './community-activity.entity';

@InputType({ description: 'A new learning community around a center.' })
export class CreateLearningCommunityInput {
  @Field(() => ID)
  centerId!: string;

  @Field({ description: '1 to 100 characters.' })
  name!: string;

  @Field(() => ProgramTrack)
  track!: ProgramTrack;

  @Field(() => Int, { description: '1 to 10000.' })
  memberCount!: number;

  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the first result instead of creating another.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a learning community; omitted fields stay as they are.' })
export class UpdateLearningCommunityInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ProgramTrack, { nullable: true })
  track?: ProgramTrack | null;

  @Field(() => Int, { nullable: true })
  memberCount?: number | null;
}

@InputType({ description: 'An activity a learning community held.' })
export class RecordCommunityActivityInput {
  @Field(() => ID)
  communityId!: string;

  @Field(() => DateScalar, { description: 'Not after today (Seoul).' })
  heldOn!: string;

  @Field(() => CommunityActivityKind)
  kind!: CommunityActivityKind;

  @Field(() => Int, { description: '0 to 10000.' })
  attendance!: number;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the first result instead of recording another.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'The learning community the signed-in resident joins or leaves.' })
export class CommunityMembershipInput {
  @Field(() => ID)
  communityId!: string;
}
