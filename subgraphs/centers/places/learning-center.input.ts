import { Field, ID, InputType } from 'type-graphql';
import { CENTER_CONTACT_LIMITS as LIMITS } from './learning-center.entity';

@InputType({
  description: "Changes to a center's details for residents; omitted fields stay as they are, null clears one.",
})
export class UpdateLearningCenterInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: `1 to ${LIMITS.address.max} characters.` })
  address?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A Korean phone number with dashes: an area or mobile prefix, then 3-4 and 4 digits, e.g. "02-2133-1234".',
  })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: `1 to ${LIMITS.openingHours.max} characters.` })
  openingHours?: string | null;

  @Field(() => String, { nullable: true, description: `1 to ${LIMITS.accessibilityNotes.max} characters.` })
  accessibilityNotes?: string | null;
}
