/**
 * Programs and their enrollments, streamed: each stream replays its own
 * seeded sequence, so a million programs never sit in memory and program n is
 * the same whatever the requested total.
 */
import { dayOf, isoDate, kstDateTime } from '../dates';
import { sequenceId } from '../ids';
import type {
  DongRow,
  EnrollmentRow,
  EntityRef,
  InstitutionTypename,
  LearningCenterRow,
  PartnershipRow,
  ProgramRow,
  ProgramSessionRow,
  ProgramStatus,
  SpaceRow,
  VenueTypename,
} from '../network.types';
import { sectionRandom, weightedPicker, type Random } from '../random';
import { programText } from './program-text';
import type { Subject } from './subjects';

const FIRST_START = dayOf('2026-01-01');
const LAST_START = dayOf('2027-06-30');
const SESSION_HOURS = [10, 14, 19] as const;
const SESSION_SECONDS = 2 * 3600;
const CENTER_HOSTED_SHARE = 0.4;
const NO_VENUE_SHARE = 0.08; // online or still looking for a room
const FREE_SHARE = 0.6;
const pickStatus = weightedPicker<ProgramStatus>([
  ['PUBLISHED', 85],
  ['DRAFT', 10],
  ['ARCHIVED', 5],
]);

/** About one program in twelve is popular enough to fill up and keep a waitlist. */
const POPULAR_SHARE = 0.08;
const MAX_WAITLIST = 5;
const CANCELLED_SHARE = 0.06;

const VENUE_TYPES: Partial<Record<InstitutionTypename, VenueTypename>> = {
  School: 'SchoolSpace',
  Library: 'LibrarySpace',
  CulturalCenter: 'CulturalSpace',
};

interface HostOption {
  host: EntityRef<InstitutionTypename>;
  venues: readonly EntityRef<VenueTypename>[];
}

interface ProgramCenter {
  id: string;
  name: string;
  dongName: string;
  dongNameEn: string;
  /** The center itself first, then its active partners. */
  hostOptions: readonly HostOption[];
}

export interface ProgramPlan {
  centers: readonly ProgramCenter[];
  pickSubject: (random: Random) => Subject;
}

/**
 * Who can host a center's programs and where: the center in its own venue,
 * or an active partner in one of its rooms. Providers without rooms use the
 * center's venue.
 */
export function programPlan(
  centers: readonly LearningCenterRow[],
  partnerships: readonly PartnershipRow[],
  spacesOf: ReadonlyMap<string, readonly SpaceRow[]>,
  dongsByCode: ReadonlyMap<string, DongRow>,
  pickSubject: (random: Random) => Subject,
): ProgramPlan {
  const activePartners = new Map<string, EntityRef<InstitutionTypename>[]>();
  for (const { active, centerId, partner } of partnerships) {
    // An office of education partners but hosts no programs.
    if (!active || partner.typename === 'EducationOffice') continue;
    const partners = activePartners.get(centerId) ?? [];
    partners.push({ typename: partner.typename, id: partner.id });
    activePartners.set(centerId, partners);
  }
  return {
    pickSubject,
    centers: centers.map((center) => {
      const centerVenues = center.venue ? [center.venue] : [];
      const venuesOf = (host: EntityRef<InstitutionTypename>): EntityRef<VenueTypename>[] => {
        const venueType = VENUE_TYPES[host.typename];
        const rooms = spacesOf.get(host.id) ?? [];
        return venueType && rooms.length > 0
          ? rooms.map((room) => ({ typename: venueType, id: room.id }))
          : centerVenues;
      };
      return {
        id: center.id,
        name: center.name,
        dongName: dongsByCode.get(center.dongCode)?.nameKo ?? '',
        dongNameEn: dongsByCode.get(center.dongCode)?.nameEn ?? '',
        hostOptions: [
          { host: { typename: 'LearningCenter', id: center.id }, venues: centerVenues },
          ...(activePartners.get(center.id) ?? []).map((host) => ({ host, venues: venuesOf(host) })),
        ],
      };
    }),
  };
}

function weeklySessions(startDay: number, count: number, startHour: number): ProgramSessionRow[] {
  const sessions: ProgramSessionRow[] = [];
  for (let week = 0; week < count; week++) {
    const day = startDay + 7 * week;
    sessions.push({
      startsAt: kstDateTime(day, startHour * 3600),
      endsAt: kstDateTime(day, startHour * 3600 + SESSION_SECONDS),
    });
  }
  return sessions;
}

function generateProgram(n: number, plan: ProgramPlan, random: Random): ProgramRow {
  const center = random.pick(plan.centers);
  const [own, ...partners] = center.hostOptions;
  const { host, venues } = partners.length > 0 && !random.chance(CENTER_HOSTED_SHARE) ? random.pick(partners) : own;
  const subject = plan.pickSubject(random);
  const startDay = random.int(FIRST_START, LAST_START);
  const weeks = random.int(2, 12);
  const sessionCount = Math.min(12, weeks + random.int(-1, 1)); // weekly, within startsOn..endsOn
  const sessions = weeklySessions(startDay, sessionCount, random.pick(SESSION_HOURS));
  const startsOn = isoDate(startDay);
  const text = programText(
    {
      topic: subject.topic,
      topicEn: subject.topicEn,
      track: subject.track,
      dongName: center.dongName,
      dongNameEn: center.dongNameEn,
      centerName: center.name,
      sessionCount,
      startMonth: Number(startsOn.slice(5, 7)),
    },
    random,
  );
  const program: ProgramRow = {
    id: sequenceId('PG', n, 7),
    title: text.title,
    titleEn: text.titleEn,
    description: text.description,
    track: subject.track,
    fieldCode: subject.fieldCode,
    centerId: center.id,
    host,
    venue: venues.length > 0 && !random.chance(NO_VENUE_SHARE) ? random.pick(venues) : null,
    startsOn,
    endsOn: isoDate(startDay + 7 * weeks),
    sessions,
    capacity: random.int(10, 40),
    feeKrw: random.chance(FREE_SHARE) ? 0 : 10_000 + 5_000 * random.int(0, 22),
    status: pickStatus(random),
    createdAt: kstDateTime(startDay - random.int(14, 90), random.int(9 * 3600, 18 * 3600)),
    certifiedYear: null,
  };
  if (isCertified(n, host, program.status)) program.certifiedYear = Number(program.createdAt.slice(0, 4));
  return program;
}

/** Every third published civil program is certified excellent, the year it was made: no draw, so no stream shifts. */
function isCertified(n: number, host: EntityRef<InstitutionTypename>, status: ProgramStatus): boolean {
  return host.typename === 'CivilProvider' && status !== 'DRAFT' && n % 3 === 0;
}

export function* streamPrograms(plan: ProgramPlan, seed: number, count: number): Generator<ProgramRow> {
  const random = sectionRandom(seed, 'programs');
  for (let n = 1; n <= count; n++) yield generateProgram(n, plan, random);
}

/**
 * Sign-ups in arrival order: the first `capacity` are confirmed, later ones
 * wait in line. Cancellations only happen where nobody waits, so a waitlist
 * always means a full program.
 */
function* programEnrollments(program: ProgramRow, n: number, random: Random): Generator<EnrollmentRow> {
  const { capacity } = program;
  const total = random.chance(POPULAR_SHARE)
    ? capacity + random.int(0, MAX_WAITLIST)
    : random.int(0, Math.floor(capacity / 4));
  const firstDay = dayOf(program.createdAt.slice(0, 10)) + 1;
  const windowSeconds = (dayOf(program.startsOn) - firstDay) * 86_400;
  const arrivals = Array.from({ length: total }, () => random.int(0, windowSeconds - 1)).sort((a, b) => a - b);
  const residents = new Set<number>();
  for (let i = 0; i < total; i++) {
    let resident: number;
    do resident = random.int(0, 999_999);
    while (residents.has(resident));
    residents.add(resident);
    const waitlisted = i >= capacity;
    const arrival = arrivals[i];
    yield {
      id: `${sequenceId('EN', n, 7)}-${i + 1}`,
      programId: program.id,
      residentId: sequenceId('R', resident, 6),
      status: waitlisted
        ? 'WAITLISTED'
        : total <= capacity && random.chance(CANCELLED_SHARE)
          ? 'CANCELLED'
          : 'CONFIRMED',
      waitlistPosition: waitlisted ? i - capacity + 1 : null,
      createdAt: kstDateTime(firstDay + Math.floor(arrival / 86_400), arrival % 86_400),
    };
  }
}

export function* streamEnrollments(plan: ProgramPlan, seed: number, count: number): Generator<EnrollmentRow> {
  const random = sectionRandom(seed, 'enrollments');
  let n = 0;
  for (const program of streamPrograms(plan, seed, count)) {
    n++;
    if (program.status === 'PUBLISHED') yield* programEnrollments(program, n, random);
  }
}
