import type { EntityManager } from '@mikro-orm/knex';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import {
  fail,
  keyedWrite,
  PayloadType,
  requireRole,
  runMutation,
  toPayload,
  UserErrorCode,
} from '../../../lib/subgraph/mutation';
import { Enrollment, EnrollmentStatus } from './enrollment.entity';
import { CancelEnrollmentInput, EnrollInput } from './enrollment.input';
import { newId } from '../mutation-support';
import { canSeeEnrollment, canSeeProgram } from './program.access';
import { Program, ProgramStatus } from './program.entity';
import { lockProgram, settleSeats, storeConfirmedCount, waitlistLength } from './seats';
import { seoulNow } from '../seoul-time';

export const EnrollmentPayload = PayloadType(Enrollment, 'enrollment');

@Resolver()
export class EnrollmentMutationResolver {
  @Mutation(() => EnrollmentPayload, {
    description:
      'Enrolls the signed-in resident in a published program: CONFIRMED while seats are left, otherwise WAITLISTED at the end of the line.',
  })
  async enroll(@Arg('input', () => EnrollInput) input: EnrollInput, @Ctx() ctx: SubgraphContext) {
    // Only its resident or a manager of its program gets an enrollment back.
    const options = keyedWrite('enroll', input, Enrollment, async (enrollment, identity, em) => {
      const program = await em.findOne(Program, enrollment.program.id);
      return !!program && canSeeEnrollment(identity, enrollment, program);
    });
    const run = () => runMutation(ctx, options, (em) => enroll(em, ctx, input.programId));
    let outcome = await run();
    // A retry that raced its own first attempt finds that attempt's enrollment: asked again, the key answers with it.
    if (input.idempotencyKey && outcome.userErrors.some((error) => error.code === UserErrorCode.ALREADY_ENROLLED))
      outcome = await run();
    return toPayload('enrollment', outcome);
  }

  @Mutation(() => EnrollmentPayload, {
    description:
      'Cancels an enrollment (its resident, the host, the district officer or the city admin). A freed seat goes to the first waitlisted, ' +
      'and the line closes up. Cancelling a cancelled enrollment changes nothing and succeeds, so retries are safe.',
  })
  async cancelEnrollment(
    @Arg('input', () => CancelEnrollmentInput) input: CancelEnrollmentInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return toPayload(
      'enrollment',
      await runMutation(ctx, { operation: 'cancelEnrollment' }, (em) => cancelEnrollment(em, ctx, input.enrollmentId)),
    );
  }
}

async function enroll(em: EntityManager, ctx: SubgraphContext, programId: string): Promise<Enrollment> {
  const resident = requireRole(ctx.identity, [Role.RESIDENT]);
  const program = await lockProgram(em, programId);
  // A program the resident may not see answers exactly as an unknown id: its existence is not public.
  if (!program || !canSeeProgram(resident, program))
    fail(UserErrorCode.NOT_FOUND, `There is no program ${programId}.`, ['input', 'programId']);
  if (program.status !== ProgramStatus.PUBLISHED) {
    fail(
      UserErrorCode.PROGRAM_NOT_OPEN,
      `Program ${programId} is not open for enrollment (it is ${program.status.toLowerCase()}).`,
      ['input', 'programId'],
    );
  }
  const held = await em.count(Enrollment, {
    program: program.id,
    residentId: resident.subject,
    status: { $ne: EnrollmentStatus.CANCELLED },
  });
  if (held > 0)
    fail(UserErrorCode.ALREADY_ENROLLED, `You are already enrolled in program ${programId}.`, ['input', 'programId']);

  const seatLeft = program.confirmedCount < program.capacity;
  const enrollment = em.create(Enrollment, {
    id: newId('EN'),
    program,
    residentId: resident.subject,
    status: seatLeft ? EnrollmentStatus.CONFIRMED : EnrollmentStatus.WAITLISTED,
    waitlistPosition: seatLeft ? null : (await waitlistLength(em, program)) + 1,
    createdAt: seoulNow(),
  });
  if (seatLeft) await storeConfirmedCount(em, program, program.confirmedCount + 1);
  return enrollment;
}

async function cancelEnrollment(em: EntityManager, ctx: SubgraphContext, id: string): Promise<Enrollment> {
  const identity = requireRole(ctx.identity, Object.values(Role));
  const notFound = () => fail(UserErrorCode.NOT_FOUND, `There is no enrollment ${id}.`, ['input', 'enrollmentId']);
  const found = (await em.findOne(Enrollment, id)) ?? notFound();
  const program = (await lockProgram(em, found.program.id))!;
  const enrollment = (await em.findOne(Enrollment, id, { refresh: true }))!; // as it is now that its program is locked
  if (!canSeeEnrollment(identity, enrollment, program)) {
    fail(
      UserErrorCode.FORBIDDEN,
      'Only its resident, the host, the district officer and the city admin may cancel an enrollment.',
      ['input', 'enrollmentId'],
    );
  }
  if (enrollment.status === EnrollmentStatus.CANCELLED) return enrollment;

  const confirmedCount = program.confirmedCount - (enrollment.status === EnrollmentStatus.CONFIRMED ? 1 : 0);
  Object.assign(enrollment, { status: EnrollmentStatus.CANCELLED, waitlistPosition: null });
  await em.flush();
  await settleSeats(em, program, confirmedCount);
  return enrollment;
}
