/**
 * The checks shared by createProgram and updateProgram. Input problems are
 * collected and reported together; references into other subgraphs (rooms of
 * schools, libraries, cultural centers) are asked of their owners.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { EntityLookupError, lookupEntities, type LookupConfig, type RemoteTypename } from '../../../lib/entity-lookup';
import { InputCheck, userError, UserErrorCode, UserErrors, type UserError } from '../../../lib/subgraph/mutation';
import { CenterSpace } from '../places/center-space.entity';
import type { InstitutionTypename, VenueTypename } from '../../../lib/typenames';
import type { LearningCenter } from '../places/learning-center.entity';
import { LifelongEducationField } from './lifelong-education-field.entity';
import { seoulDateOf } from '../seoul-time';

export const LIMITS = {
  title: { min: 2, max: 200 },
  description: 2000,
  capacity: { min: 1, max: 1000 },
  feeKrw: { min: 0, max: 10_000_000 },
  sessions: 200,
} as const;

export interface SessionValues {
  startsAt: string;
  endsAt: string;
}

/** A program's values as they would be stored (for an update: the current ones with the changes applied). */
export interface ProgramValues {
  title: string;
  description: string | null;
  startsOn: string;
  endsOn: string;
  capacity: number;
  feeKrw: number;
  sessions: SessionValues[];
}

/** Records every problem of the values that needs no database. */
export function checkProgramValues(check: InputCheck, values: ProgramValues): void {
  check.text(values.title, 'title', LIMITS.title);
  check.expect(
    [...(values.description ?? '')].length <= LIMITS.description,
    'description',
    `description must be at most ${LIMITS.description} characters`,
  );
  check.expect(
    values.startsOn <= values.endsOn,
    'endsOn',
    `endsOn (${values.endsOn}) must not be before startsOn (${values.startsOn})`,
  );
  const { capacity, feeKrw } = LIMITS;
  check.expect(
    values.capacity >= capacity.min && values.capacity <= capacity.max,
    'capacity',
    `capacity must be ${capacity.min} to ${capacity.max}`,
  );
  check.expect(
    values.feeKrw >= feeKrw.min && values.feeKrw <= feeKrw.max,
    'feeKrw',
    `feeKrw must be ${feeKrw.min} to ${feeKrw.max.toLocaleString('en')}`,
  );
  check.expect(
    values.sessions.length <= LIMITS.sessions,
    'sessions',
    `a program has at most ${LIMITS.sessions} sessions`,
  );
  values.sessions.forEach((session, i) => {
    check.expect(
      Date.parse(session.endsAt) > Date.parse(session.startsAt),
      `sessions.${i}.endsAt`,
      `session ${i + 1} must end after it starts`,
    );
    const [first, last] = [seoulDateOf(session.startsAt), seoulDateOf(session.endsAt)];
    check.expect(
      first >= values.startsOn && last <= values.endsOn,
      `sessions.${i}`,
      `session ${i + 1} (${first}) must lie within the program dates ${values.startsOn}..${values.endsOn} (Seoul time)`,
    );
  });
}

/** Sessions in time order, as stored (position = index + 1). */
export function inTimeOrder(sessions: readonly SessionValues[]): SessionValues[] {
  return [...sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

/** A field code must name a sub-area of the classification ("4-2"); areas only group them. */
export async function checkFieldCode(em: EntityManager, code: string): Promise<UserError | null> {
  const field = await em.findOne(LifelongEducationField, { code });
  if (!field)
    return userError(UserErrorCode.NOT_FOUND, `There is no field ${code} in the national classification.`, [
      'input',
      'fieldCode',
    ]);
  if (!field.parent)
    return userError(UserErrorCode.INVALID_INPUT, `${code} is an area: choose one of its sub-areas (${code}-1, ...).`, [
      'input',
      'fieldCode',
    ]);
  return null;
}

/** The institution owning each kind of room kept by another subgraph, and how to ask for it. */
const ROOM_OWNERS: Record<
  Exclude<VenueTypename, 'CenterSpace'>,
  { owner: InstitutionTypename; selection: string; field: string }
> = {
  SchoolSpace: { owner: 'School', selection: 'removed school { id }', field: 'school' },
  LibrarySpace: { owner: 'Library', selection: 'removed library { id }', field: 'library' },
  CulturalSpace: { owner: 'CulturalCenter', selection: 'removed culturalCenter { id }', field: 'culturalCenter' },
};

export interface VenueRef {
  typename: VenueTypename;
  id: string;
}

/**
 * What the owning subgraph says about a room: the id of the institution it
 * belongs to (null: no such room, or one its owner removed), or why it could not be asked.
 */
export type RoomAnswer = { ownerId: string | null } | { unavailable: string };

/**
 * Asks the subgraph that keeps a room who owns it; null for the center's own
 * rooms. Called before the mutation's transaction opens, so a slow subgraph
 * never holds database locks.
 */
export async function askAboutRoom(config: LookupConfig, venue: VenueRef): Promise<RoomAnswer | null> {
  if (venue.typename === 'CenterSpace') return null;
  const room = ROOM_OWNERS[venue.typename];
  try {
    const found = await lookupEntities('centers', config, venue.typename as RemoteTypename, [venue.id], room.selection);
    const answer = found.get(venue.id);
    // A removed room still resolves (old programs keep its name) but takes no new programs.
    const owner = answer && !answer.removed ? (answer[room.field] as { id?: string } | undefined) : undefined;
    return { ownerId: owner?.id ?? null };
  } catch (error) {
    if (error instanceof EntityLookupError) return { unavailable: error.message };
    throw error;
  }
}

/**
 * A program takes place in a room of its host, or in one of the center's own
 * rooms (its CenterSpaces and the venue it runs in), which any host of the
 * center may use: civil providers have no rooms of their own.
 */
export async function checkVenue(
  em: EntityManager,
  center: LearningCenter,
  host: { typename: InstitutionTypename; id: string },
  venue: VenueRef,
  answer: RoomAnswer | null,
): Promise<UserError | null> {
  const field = ['input', 'venue'];
  if (center.venueType === venue.typename && center.venueId === venue.id) return null;
  if (venue.typename === 'CenterSpace') {
    const space = await em.findOne(CenterSpace, venue.id);
    if (!space) return userError(UserErrorCode.NOT_FOUND, `There is no CenterSpace ${venue.id}.`, [...field, 'id']);
    return space.center.id === center.id
      ? null
      : userError(
          UserErrorCode.INVALID_INPUT,
          `CenterSpace ${venue.id} is a room of another center, not of ${center.id}.`,
          field,
        );
  }
  const room = ROOM_OWNERS[venue.typename];
  if (host.typename !== room.owner) {
    return userError(
      UserErrorCode.INVALID_INPUT,
      `A ${venue.typename} can only be used by its own ${room.owner} or as the center's venue; the host is a ${host.typename}.`,
      field,
    );
  }
  if (!answer || 'unavailable' in answer) {
    return userError(
      UserErrorCode.UNAVAILABLE,
      `The venue could not be checked right now, so nothing was changed; try again later. (${answer?.unavailable ?? 'not asked'})`,
      field,
    );
  }
  if (answer.ownerId === null)
    return userError(UserErrorCode.NOT_FOUND, `There is no ${venue.typename} ${venue.id}.`, [...field, 'id']);
  return answer.ownerId === host.id
    ? null
    : userError(
        UserErrorCode.INVALID_INPUT,
        `${venue.typename} ${venue.id} belongs to another ${room.owner}, not to the host ${host.id}.`,
        field,
      );
}

/** Stops the mutation with the input problems and the other errors found, all at once; returns when there are none. */
export function rejectIfAny(check: InputCheck, others: (UserError | null)[]): void {
  const found = others.filter((error): error is UserError => error !== null);
  try {
    check.done();
  } catch (error) {
    if (error instanceof UserErrors) throw new UserErrors([...error.errors, ...found]);
    throw error;
  }
  if (found.length > 0) throw new UserErrors(found);
}
