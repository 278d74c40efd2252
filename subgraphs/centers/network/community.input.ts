import { Field, ID, InputType, Int } from 'type-graphql';
import { ProgramTrack } from '../programs/program-track';

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
