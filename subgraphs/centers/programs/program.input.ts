import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../../lib/subgraph/scalars';
import { InstitutionRefInput, VenueRefInput } from '../institutions/institution-ref.input';
import { ProgramTrack } from './program-track';

@InputType({ description: 'One meeting: it must end after it starts, within the program dates (Seoul time).' })
export class ProgramSessionInput {
  @Field(() => DateTimeScalar) startsAt!: string;
  @Field(() => DateTimeScalar) endsAt!: string;
}

@InputType({ description: 'A new program, created as a DRAFT.' })
export class CreateProgramInput {
  @Field(() => ID) centerId!: string;

  @Field(() => InstitutionRefInput, { description: 'Who runs it: the center itself or one of its active partners.' })
  host!: InstitutionRefInput;

  @Field({ description: '2 to 200 characters.' }) title!: string;
  @Field(() => String, { nullable: true, description: 'The title in English, at most 200 characters.' }) titleEn?:
    string | null;
  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' }) description?: string | null;
  @Field(() => ProgramTrack) track!: ProgramTrack;
  @Field(() => ID, { description: 'A sub-area of the national classification, e.g. "4-2".' }) fieldCode!: string;

  @Field(() => VenueRefInput, {
    nullable: true,
    description: 'A room of the host or of the center; none for online programs.',
  })
  venue?: VenueRefInput | null;

  @Field(() => DateScalar) startsOn!: string;
  @Field(() => DateScalar, { description: 'Not before startsOn.' }) endsOn!: string;
  @Field(() => Int, { description: '1 to 1000 seats.' }) capacity!: number;
  @Field(() => Int, { description: '0 to 10,000,000 won.' }) feeKrw!: number;
  @Field(() => [ProgramSessionInput], { nullable: true }) sessions?: ProgramSessionInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the program created the first time.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a program: fields left out stay as they are.' })
export class UpdateProgramInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version read; an older one is refused with STALE_VERSION.' }) version!: number;

  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true, description: 'null clears it.' }) titleEn?: string | null;
  @Field(() => String, { nullable: true, description: 'null clears it.' }) description?: string | null;
  @Field(() => ProgramTrack, { nullable: true }) track?: ProgramTrack | null;
  @Field(() => ID, { nullable: true }) fieldCode?: string | null;
  @Field(() => VenueRefInput, { nullable: true, description: 'null clears it (online, or no room yet).' })
  venue?: VenueRefInput | null;
  @Field(() => DateScalar, { nullable: true }) startsOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) endsOn?: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Not below the confirmed enrollments; more seats confirm the waitlist in order.',
  })
  capacity?: number | null;
  @Field(() => Int, { nullable: true }) feeKrw?: number | null;
  @Field(() => [ProgramSessionInput], { nullable: true, description: 'Replaces all sessions.' }) sessions?:
    ProgramSessionInput[] | null;
}

@InputType({ description: 'A program to publish or archive.' })
export class ProgramIdInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}
