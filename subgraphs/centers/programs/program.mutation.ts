import type { EntityManager } from '@mikro-orm/knex';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role, type Identity } from '../../../lib/auth';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import {
  fail,
  InputCheck,
  keyedWrite,
  PayloadType,
  requireRole,
  runMutation,
  toPayload,
  UserErrorCode,
  type MutationOptions,
} from '../../../lib/subgraph/mutation';
import { VENUE_TYPENAME_OF, type VenueRefInput } from '../institutions/institution-ref.input';
import { hostTypenameOf } from '../institutions/institution-type';
import type { InstitutionTypename } from '../../../lib/typenames';
import { LearningCenter } from '../places/learning-center.entity';
import { LifelongEducationField } from './lifelong-education-field.entity';
import { newId } from '../mutation-support';
import { Partnership } from '../network/partnership.entity';
import { canManageProgram, canSeeProgram, type ProgramScope } from './program.access';
import { Program, ProgramStatus } from './program.entity';
import { CreateProgramInput, ProgramIdInput, UpdateProgramInput } from './program.input';
import {
  askAboutRoom,
  checkFieldCode,
  checkProgramValues,
  checkVenue,
  inTimeOrder,
  rejectIfAny,
  type ProgramValues,
  type RoomAnswer,
  type SessionValues,
  type VenueRef,
} from './program.validation';
import { ProgramSession } from './program-session.entity';
import { changeStamp } from './program-modified';
import { lockProgram, settleSeats } from './seats';

export const ProgramPayload = PayloadType(Program, 'program');

/** Who writes programs at all; which programs each may write is decided per program (program.access.ts). */
const PROGRAM_WRITERS = [Role.CITY_ADMIN, Role.DISTRICT_OFFICER, Role.EXPERT, Role.INSTITUTION];

/** A keyed program write: a retry gets the program back only as the caller may see it now. */
function keyed(operation: string, input: { idempotencyKey?: string | null }): MutationOptions<Program> {
  return keyedWrite(operation, input, Program, (program, identity) => canSeeProgram(identity, program));
}

@Resolver()
export class ProgramMutationResolver {
  @Mutation(() => ProgramPayload, {
    description: 'Creates a DRAFT program of a center, hosted by the center itself or by one of its active partners.',
  })
  async createProgram(@Arg('input', () => CreateProgramInput) input: CreateProgramInput, @Ctx() ctx: SubgraphContext) {
    const room = await roomAnswer(ctx, input.venue);
    return toPayload(
      'program',
      await runMutation(ctx, keyed('createProgram', input), (em) => createProgram(em, ctx, input, room)),
    );
  }

  @Mutation(() => ProgramPayload, {
    description: 'Changes a program; `version` must be the one read (optimistic locking).',
  })
  async updateProgram(@Arg('input', () => UpdateProgramInput) input: UpdateProgramInput, @Ctx() ctx: SubgraphContext) {
    const room = await roomAnswer(ctx, input.venue);
    return toPayload(
      'program',
      await runMutation(ctx, { operation: 'updateProgram' }, (em) => updateProgram(em, ctx, input, room)),
    );
  }

  @Mutation(() => ProgramPayload, {
    description: 'Opens a DRAFT for enrollment; publishing a published program changes nothing, so retries are safe.',
  })
  async publishProgram(@Arg('input', () => ProgramIdInput) input: ProgramIdInput, @Ctx() ctx: SubgraphContext) {
    return toPayload(
      'program',
      await runMutation(ctx, keyed('publishProgram', input), (em) => publishProgram(em, ctx, input.id)),
    );
  }

  @Mutation(() => ProgramPayload, {
    description: 'Closes a program for good; its enrollments stay. Archiving an archived program changes nothing.',
  })
  async archiveProgram(@Arg('input', () => ProgramIdInput) input: ProgramIdInput, @Ctx() ctx: SubgraphContext) {
    return toPayload(
      'program',
      await runMutation(ctx, keyed('archiveProgram', input), (em) => archiveProgram(em, ctx, input.id)),
    );
  }
}

/** FORBIDDEN unless the caller manages programs of this district and host; `field` names what the input got wrong. */
function authorize(identity: Identity, scope: ProgramScope, field: string[]): void {
  if (canManageProgram(identity, scope)) return;
  if (identity.role === Role.DISTRICT_OFFICER) {
    fail(
      UserErrorCode.FORBIDDEN,
      `A district officer of ${identity.district} manages only programs of that district's centers, not of ${scope.districtCode}.`,
      field,
    );
  }
  if (identity.role === Role.EXPERT) {
    fail(
      UserErrorCode.FORBIDDEN,
      `An expert of ${identity.district} manages only programs that a learning center hosts at a center of that district, not a ${scope.hostType}'s program in ${scope.districtCode}.`,
      field,
    );
  }
  const actingFor = `${identity.institution!.typename}:${identity.institution!.id}`;
  fail(
    UserErrorCode.FORBIDDEN,
    `An institution manages only the programs it hosts itself: you act for ${actingFor}, the host is ${scope.hostType}:${scope.hostId}.`,
    field,
  );
}

/** Only the center itself and its active partners host the center's programs (which also proves the host exists). */
async function requireActivePartner(
  em: EntityManager,
  center: LearningCenter,
  host: { typename: InstitutionTypename; id: string },
): Promise<void> {
  if (host.typename === 'LearningCenter' && host.id === center.id) return;
  const partnership = await em.findOne(Partnership, {
    center: center.id,
    partnerType: host.typename,
    partnerId: host.id,
    active: true,
  });
  if (!partnership) {
    fail(
      UserErrorCode.FORBIDDEN,
      `${host.typename} ${host.id} is not an active partner of learning center ${center.id}: only the center and its active partners host its programs.`,
      ['input', 'host'],
    );
  }
}

/** The program to change, locked, and the caller allowed to change it; a draft the caller may not see does not exist for them. */
async function programToManage(em: EntityManager, identity: Identity, id: string): Promise<Program> {
  const program = await lockProgram(em, id);
  if (!program || !canSeeProgram(identity, program))
    fail(UserErrorCode.NOT_FOUND, `There is no program ${id}.`, ['input', 'id']);
  authorize(identity, program, ['input', 'id']);
  return program;
}

const venueOf = (venue: VenueRefInput): VenueRef => ({ typename: VENUE_TYPENAME_OF[venue.type], id: venue.id });

/** Asks about a room kept by another subgraph before the transaction opens (for callers who may write programs at all). */
function roomAnswer(ctx: SubgraphContext, venue: VenueRefInput | null | undefined): Promise<RoomAnswer | null> | null {
  return venue && ctx.identity && PROGRAM_WRITERS.includes(ctx.identity.role)
    ? askAboutRoom(ctx.config, venueOf(venue))
    : null;
}
const cleanDescription = (text: string | null | undefined): string | null => text?.trim() || null;

function addSessions(em: EntityManager, program: Program, sessions: readonly SessionValues[]): void {
  inTimeOrder(sessions).forEach(({ startsAt, endsAt }, i) =>
    em.create(ProgramSession, { program, position: i + 1, startsAt, endsAt }),
  );
}

/** The optional English title: trimmed, blank as none, at most 200 characters. */
function englishTitle(check: InputCheck, text: string | null | undefined): string | null {
  const titleEn = text?.trim() || null;
  check.expect(!titleEn || titleEn.length <= 200, 'titleEn', 'titleEn must be at most 200 characters');
  return titleEn;
}

async function createProgram(
  em: EntityManager,
  ctx: SubgraphContext,
  input: CreateProgramInput,
  room: RoomAnswer | null,
): Promise<Program> {
  const identity = requireRole(ctx.identity, PROGRAM_WRITERS);
  const center = await em.findOne(LearningCenter, input.centerId);
  if (!center) fail(UserErrorCode.NOT_FOUND, `There is no learning center ${input.centerId}.`, ['input', 'centerId']);
  const hostTypename = hostTypenameOf(input.host.type);
  if (!hostTypename)
    fail(UserErrorCode.INVALID_INPUT, 'An office of education is a partner, not a host of programs.', [
      'input',
      'host',
    ]);
  const host = { typename: hostTypename, id: input.host.id };
  // An officer (or an expert) is refused for the center's district, an institution (or an expert) for the host.
  const refused =
    identity.role === Role.DISTRICT_OFFICER ||
    (identity.role === Role.EXPERT && identity.district !== center.district.code)
      ? 'centerId'
      : 'host';
  authorize(identity, { districtCode: center.district.code, hostType: host.typename, hostId: host.id }, [
    'input',
    refused,
  ]);
  await requireActivePartner(em, center, host);

  const values: ProgramValues = {
    title: input.title.trim(),
    description: cleanDescription(input.description),
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    capacity: input.capacity,
    feeKrw: input.feeKrw,
    sessions: input.sessions ?? [],
  };
  const check = new InputCheck();
  checkProgramValues(check, values);
  const titleEn = englishTitle(check, input.titleEn);
  const venue = input.venue ? venueOf(input.venue) : null;
  rejectIfAny(check, [
    await checkFieldCode(em, input.fieldCode),
    venue && (await checkVenue(em, center, host, venue, room)),
  ]);

  const stamp = await changeStamp(em);
  const { sessions, ...fields } = values;
  const program = em.create(Program, {
    id: newId('PG'),
    ...fields,
    track: input.track,
    field: input.fieldCode,
    center,
    districtCode: center.district.code,
    dongCode: center.dong.code,
    lat: center.lat,
    lng: center.lng,
    titleEn,
    hostType: host.typename,
    hostId: host.id,
    venueType: venue?.typename ?? null,
    venueId: venue?.id ?? null,
    confirmedCount: 0,
    status: ProgramStatus.DRAFT,
    publishedAt: null,
    version: 1,
    createdAt: stamp.updatedAt,
    ...stamp,
  });
  addSessions(em, program, sessions);
  return program;
}

async function updateProgram(
  em: EntityManager,
  ctx: SubgraphContext,
  input: UpdateProgramInput,
  room: RoomAnswer | null,
): Promise<Program> {
  const identity = requireRole(ctx.identity, PROGRAM_WRITERS);
  const program = await programToManage(em, identity, input.id);
  if (program.version !== input.version) {
    fail(
      UserErrorCode.STALE_VERSION,
      `Program ${program.id} is at version ${program.version}, not ${input.version}: load it again and reapply the changes.`,
      ['input', 'version'],
    );
  }
  if (program.status === ProgramStatus.ARCHIVED)
    fail(UserErrorCode.INVALID_INPUT, `Program ${program.id} is archived: it no longer changes.`, ['input', 'id']);

  const values: ProgramValues = {
    title: input.title?.trim() ?? program.title,
    description: input.description === undefined ? program.description : cleanDescription(input.description),
    startsOn: input.startsOn ?? program.startsOn,
    endsOn: input.endsOn ?? program.endsOn,
    capacity: input.capacity ?? program.capacity,
    feeKrw: input.feeKrw ?? program.feeKrw,
    // Kept sessions must still fit changed dates.
    sessions:
      input.sessions ?? (await em.find(ProgramSession, { program: program.id }, { orderBy: { position: 'asc' } })),
  };
  const check = new InputCheck();
  checkProgramValues(check, values);
  check.expect(
    values.capacity >= program.confirmedCount,
    'capacity',
    `capacity cannot go below the ${program.confirmedCount} confirmed enrollments`,
  );
  const titleEn = input.titleEn === undefined ? program.titleEn : englishTitle(check, input.titleEn);
  const venue = input.venue ? venueOf(input.venue) : null;
  const center = venue ? await em.findOneOrFail(LearningCenter, program.center.id) : null;
  rejectIfAny(check, [
    input.fieldCode ? await checkFieldCode(em, input.fieldCode) : null,
    venue && center && (await checkVenue(em, center, { typename: program.hostType, id: program.hostId }, venue, room)),
  ]);

  const { sessions, ...fields } = values;
  const addedSeats = values.capacity > program.capacity;
  Object.assign(program, fields, { titleEn, track: input.track ?? program.track }, await changeStamp(em));
  if (input.fieldCode) program.field = em.getReference(LifelongEducationField, input.fieldCode, { wrapped: true });
  if (input.venue !== undefined)
    Object.assign(program, { venueType: venue?.typename ?? null, venueId: venue?.id ?? null });
  if (input.sessions) {
    em.remove(await em.find(ProgramSession, { program: program.id }));
    await em.flush(); // the old rows go before new ones take their (program, position) keys
    addSessions(em, program, sessions);
  }
  await em.flush();
  if (addedSeats) await settleSeats(em, program); // the waitlist takes the new seats in order
  return program;
}

async function publishProgram(em: EntityManager, ctx: SubgraphContext, id: string): Promise<Program> {
  const program = await programToManage(em, requireRole(ctx.identity, PROGRAM_WRITERS), id);
  if (program.status === ProgramStatus.ARCHIVED)
    fail(UserErrorCode.PROGRAM_NOT_OPEN, `Program ${id} is archived: it cannot be published again.`, ['input', 'id']);
  if (program.status === ProgramStatus.DRAFT) {
    const stamp = await changeStamp(em);
    Object.assign(
      program,
      { status: ProgramStatus.PUBLISHED, publishedAt: program.publishedAt ?? stamp.updatedAt },
      stamp,
    );
  }
  return program;
}

/** Archiving withdraws a program; a never-published draft withdrawn stays as private as it was (publishedAt stays null). */
async function archiveProgram(em: EntityManager, ctx: SubgraphContext, id: string): Promise<Program> {
  const program = await programToManage(em, requireRole(ctx.identity, PROGRAM_WRITERS), id);
  if (program.status !== ProgramStatus.ARCHIVED)
    Object.assign(program, { status: ProgramStatus.ARCHIVED }, await changeStamp(em));
  return program;
}
