import { Field, ID, InputType } from 'type-graphql';
import { ExpertDuty } from './expert.entity';

const SUBJECT_DESCRIPTION =
  "The token subject (sub) the expert signs in with as EXPERT of the expert's district; one expert per subject.";

@InputType({ description: 'A new Dong Lifelong Learning Expert of a district.' })
export class CreateExpertInput {
  @Field(() => ID)
  districtCode!: string;

  @Field({ description: '1 to 100 characters.' })
  name!: string;

  @Field(() => [ExpertDuty], { description: 'At least one.' })
  duties!: ExpertDuty[];

  @Field(() => String, { nullable: true, description: SUBJECT_DESCRIPTION })
  subject?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the first result instead of creating another.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Where an expert works from and what they do; omitted fields stay as they are.' })
export class AssignExpertInput {
  @Field(() => ID)
  expertId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "A center of the expert's district; null to make the expert district-wide again.",
  })
  centerId?: string | null;

  @Field(() => [ExpertDuty], { nullable: true, description: 'Replaces the duties; at least one.' })
  duties?: ExpertDuty[] | null;

  @Field(() => String, { nullable: true, description: `${SUBJECT_DESCRIPTION} null unlinks the account.` })
  subject?: string | null;
}
