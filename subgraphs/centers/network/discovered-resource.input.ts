import { Field, ID, InputType } from 'type-graphql';
import { InstitutionRefInput } from '../institutions/institution-ref.input';
import { DiscoveredResourceKind } from './discovered-resource.entity';

@InputType({ description: 'A learning resource found in a district; no contact data, no personal data.' })
export class RecordDiscoveredResourceInput {
  @Field(() => ID)
  districtCode!: string;

  @Field(() => DiscoveredResourceKind)
  kind!: DiscoveredResourceKind;

  @Field({
    description: "1 to 200 characters; for a person's skill, the skill, never the person's name.",
  })
  name!: string;

  @Field({ description: '1 to 2000 characters. No phone numbers, email addresses or resident registration numbers.' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'At most 500 characters, contact-free like the description.' })
  note?: string | null;

  @Field(() => ID, { nullable: true, description: 'The dong it is in: one of the district.' })
  dongCode?: string | null;

  @Field(() => InstitutionRefInput, {
    nullable: true,
    description: "An existing institution it is or belongs to (a space's or an institution's; never a person's skill).",
  })
  institution?: InstitutionRefInput | null;

  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the first result instead of recording another.',
  })
  idempotencyKey?: string | null;
}

@InputType()
export class DiscoveredResourceIdInput {
  @Field(() => ID)
  id!: string;
}
