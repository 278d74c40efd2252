import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A seat in a published program for the signed-in resident.' })
export class EnrollInput {
  @Field(() => ID) programId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the enrollment made the first time.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'An enrollment to give up.' })
export class CancelEnrollmentInput {
  @Field(() => ID) enrollmentId!: string;
}
