import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../../lib/subgraph/scalars';
import { CounselingTopic } from './counseling-session.entity';

@InputType({ description: 'A counseling session with a learner at a center; no personal data.' })
export class RecordCounselingSessionInput {
  @Field(() => ID, { description: 'The learning center the session belongs to.' })
  centerId!: string;

  @Field(() => DateScalar, { description: 'The day it took place: not in the future.' })
  heldOn!: string;

  @Field(() => CounselingTopic)
  topic!: CounselingTopic;

  @Field({
    description:
      "The center's opaque reference of the learner (e.g. a learner card code), 1 to 64 letters, digits, '.', '_' or '-'. " +
      'Never personal data: anything that looks like a phone number, an email address or a resident registration ' +
      'number is refused. Only a digest of it is stored.',
  })
  learnerRef!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the first result instead of recording another.',
  })
  idempotencyKey?: string | null;
}
