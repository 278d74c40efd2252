import { Field, ID, InputType, Int } from 'type-graphql';
import { CitySupportKind } from './city-support.entity';

@InputType({ description: "The city's support of one kind to a district in one year." })
export class RecordCitySupportInput {
  @Field(() => ID)
  districtCode!: string;

  @Field(() => CitySupportKind)
  kind!: CitySupportKind;

  @Field(() => Int, { description: '2000 to 2100.' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Amount in won, at least 0; null for support in kind.' })
  amountKrw?: number | null;

  @Field(() => String, { nullable: true, description: 'Up to 500 characters.' })
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the first result instead of recording another.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Corrects a city support record; omitted fields stay as they are, null clears them.' })
export class UpdateCitySupportInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  amountKrw?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
