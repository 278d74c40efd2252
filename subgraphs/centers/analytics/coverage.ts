/**
 * Coverage of the cooperation model per district, for analysts. Each figure
 * is computed when asked for, from grouped statements over just the districts
 * the request asks about: a DataLoader per aggregation collects the district
 * codes, so one district's coverage costs a few indexed statements and the
 * city's (all 25) the same few statements, never one per district.
 */
import { raw, type EntityClass, type FilterQuery } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { EntityManager, QueryBuilder } from '@mikro-orm/knex';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { keyedStatement } from '../../../lib/subgraph/prepared-statements';
import { selectRows } from '../../../lib/subgraph/rows';
import { DateScalar } from '../../../lib/subgraph/scalars';
import { seoulToday } from '../mutation-support';
import { District } from '../places/district.entity';
import { Dong } from '../places/dong.entity';
import { LifelongLearningExpert } from '../network/expert.entity';
import { LearningCenter, LearningCenterKind } from '../places/learning-center.entity';
import { LifelongEducationField } from '../programs/lifelong-education-field.entity';
import { AGREED_STATUSES, Partnership, PartnershipKind } from '../network/partnership.entity';
import { Program, ProgramStatus } from '../programs/program.entity';
import { ProgramTrack } from '../programs/program-track';

/** The city asks every district for at least two Dong Lifelong Learning Experts. */
export const EXPERT_MINIMUM = 2;
/** The year the city started the cooperation model: the rollout series begins here. */
export const ROLLOUT_START_YEAR = 2019;

/**
 * The day coverage is asked for: today when not given. A future day is refused: coverage tells how far the
 * model has reached, and a center whose opening lies ahead has not opened yet.
 */
export function coverageDay(asOf: string | null | undefined): string {
  const today = seoulToday();
  if (asOf == null) return today;
  if (asOf > today)
    throw new GraphQLError(`asOf (${asOf}) is in the future: coverage answers up to today (${today}) in Seoul.`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'asOf' },
    });
  return asOf;
}

const AS_OF_DESCRIPTION =
  'The day these figures are for (Seoul time). Centers count from their opening day (a center without one counts on every day); the other figures are as they are today.';
export const AS_OF_ARGUMENT_DESCRIPTION =
  'The day to count centers on, not after today (Seoul time); today when left out. Only centers opened by then count.';

@ObjectType({ description: 'How far the rollout had reached at the end of one year (or on asOf, for its year).' })
export class RolloutYear {
  @Field(() => Int) year!: number;
  @Field(() => DateScalar, { description: "The day counted: the year's last day, or asOf in asOf's year." })
  countedOn!: string;
  @Field(() => Int, { description: 'Centers of every kind that opened during the year (up to countedOn).' })
  openedCenters!: number;
  @Field(() => Int, { description: 'Centers of every kind open on countedOn.' }) centerCount!: number;
  @Field(() => Int, { description: 'Dongs whose dong center was open on countedOn.' }) dongsCovered!: number;
  @Field(() => Float, { description: "dongsCovered as a share of today's dongs, 0 to 1." }) share!: number;
}

@ObjectType({ description: 'Partnerships of one kind.' })
export class PartnershipKindCount {
  @Field(() => PartnershipKind) kind!: PartnershipKind;
  @Field(() => Int, { description: 'Active or ended.' }) count!: number;
  @Field(() => Int) activeCount!: number;
}

@ObjectType({ description: 'Programs of one track.' })
export class ProgramTrackCount {
  @Field(() => ProgramTrack) track!: ProgramTrack;
  @Field(() => Int, { description: 'Published, or archived after publication; drafts are not counted.' })
  count!: number;
  @Field(() => Int) publishedCount!: number;
}

@ObjectType({ description: 'Programs of one area of the national classification (its sub-areas included).' })
export class ProgramFieldCount {
  fieldCode!: string;
  @Field(() => Int, { description: 'Published, or archived after publication; drafts are not counted.' })
  count!: number;
  @Field(() => Int) publishedCount!: number;
}

/** Shared with DistrictCoverageResolver, whose field resolvers of these inherited fields would otherwise lose them. */
export const BREAKDOWN_DESCRIPTIONS = {
  partnershipsByKind: 'Every kind, in enum order (zero where there is none).',
  programsByTrack: 'Every track, in enum order.',
  programsByField: 'Every area of the national classification, by code.',
  seatsOffered: 'Seats of published programs (the sum of their capacity).',
  seatsTaken: 'Confirmed enrollments in published programs.',
  rollout: `The rollout of the plan, year by year from ${ROLLOUT_START_YEAR} to asOf's year: centers opened and dongs covered by a dong center.`,
};

/** The breakdowns a district and the city share (a base class only: no query returns it, so it stays out of the schema). */
@ObjectType('CoverageBreakdowns')
class Breakdowns {
  @Field(() => [PartnershipKindCount], { description: BREAKDOWN_DESCRIPTIONS.partnershipsByKind })
  partnershipsByKind!: PartnershipKindCount[];
  @Field(() => [ProgramTrackCount], { description: BREAKDOWN_DESCRIPTIONS.programsByTrack })
  programsByTrack!: ProgramTrackCount[];
  @Field(() => [ProgramFieldCount], { description: BREAKDOWN_DESCRIPTIONS.programsByField })
  programsByField!: ProgramFieldCount[];
  @Field(() => Int, { description: BREAKDOWN_DESCRIPTIONS.seatsOffered }) seatsOffered!: number;
  @Field(() => Int, { description: BREAKDOWN_DESCRIPTIONS.seatsTaken }) seatsTaken!: number;
  @Field(() => DateScalar, { description: AS_OF_DESCRIPTION }) asOf!: string;
  @Field(() => [RolloutYear], { description: BREAKDOWN_DESCRIPTIONS.rollout })
  rollout!: RolloutYear[];
}

/** Its figures are resolved by DistrictCoverageResolver, each when asked for (see `districtFigures`). */
@ObjectType({ description: 'How far the cooperation model reaches in one district.' })
export class DistrictCoverage extends Breakdowns {
  districtCode!: string;
  @Field(() => Int) dongCount!: number;
  @Field(() => Int, { description: 'Dongs whose dong center had opened by asOf.' }) dongsWithCenter!: number;
  @Field(() => Int, { description: 'Centers of every kind opened by asOf.' }) centerCount!: number;
  @Field(() => Int) expertCount!: number;
  @Field({ description: `At least ${EXPERT_MINIMUM} Dong Lifelong Learning Experts.` }) meetsExpertMinimum!: boolean;
  @Field(() => Int, { description: "Partnerships of the district's centers, active or ended." })
  partnershipCount!: number;
  @Field(() => Int) activePartnershipCount!: number;
  @Field(() => Int, {
    description:
      "Programs of the district's centers that were published (published or archived since); drafts are not counted.",
  })
  programCount!: number;
  @Field(() => Int) publishedProgramCount!: number;
  @Field(() => Int, {
    nullable: true,
    description:
      "Programs of the district's centers never published (drafts, and drafts archived unpublished): for the district's officer and the city admin; null for everyone else.",
  })
  draftProgramCount!: number | null;
}

@ObjectType({ description: 'Coverage of the cooperation model across Seoul.' })
export class CityCoverage extends Breakdowns {
  @Field(() => [DistrictCoverage], { description: 'Every district, by code.' }) districts!: DistrictCoverage[];
  @Field(() => Int) dongCount!: number;
  @Field(() => Int, { description: 'Dongs whose dong center had opened by asOf.' }) dongsWithCenter!: number;
  @Field(() => Int, { description: 'Centers of every kind opened by asOf.' }) centerCount!: number;
  @Field(() => Int) expertCount!: number;
  @Field(() => Int, { description: `Districts with at least ${EXPERT_MINIMUM} experts.` })
  districtsMeetingExpertMinimum!: number;
  @Field(() => Int) partnershipCount!: number;
  @Field(() => Int, {
    description: 'Programs that were published (published or archived since); drafts are not counted.',
  })
  programCount!: number;
}

type Rows = Map<string, Record<string, number>>;

/** One grouped statement: per district (and per `by` value), the `aggregates`. */
interface Aggregation<T extends object> {
  name: string;
  entity: EntityClass<T>;
  district: keyof T & string;
  by?: keyof T & string;
  aggregates: Record<string, string>;
}

const PUBLISHED = `status = '${ProgramStatus.PUBLISHED}'`;
/**
 * Public figures count public programs only (published, or archived after publication): a draft's existence is
 * not public, so drafts are counted apart (`drafts`) and shown only to those who may see them (draftProgramCount).
 */
const PROGRAM_AGGREGATES = {
  n: 'sum(case when published_at is not null then 1 else 0 end)',
  published: `sum(case when ${PUBLISHED} then 1 else 0 end)`,
  drafts: 'sum(case when published_at is null then 1 else 0 end)',
};
/** Agreed partnerships only (active or ended): proposals and declined ones are not part of the network, nor public. */
const PARTNERSHIP_AGGREGATES = {
  n: `sum(case when status in (${AGREED_STATUSES.map((status) => `'${status}'`).join(', ')}) then 1 else 0 end)`,
  active: 'sum(case when active then 1 else 0 end)',
};

const DONGS: Aggregation<Dong> = { name: 'dongs', entity: Dong, district: 'district', aggregates: { n: 'count(*)' } };
const EXPERTS: Aggregation<LifelongLearningExpert> = {
  name: 'experts',
  entity: LifelongLearningExpert,
  district: 'district',
  aggregates: { n: 'count(*)' },
};
const PARTNERSHIPS: Aggregation<Partnership> = {
  name: 'partnerships',
  entity: Partnership,
  district: 'districtCode',
  aggregates: PARTNERSHIP_AGGREGATES,
};
const PARTNERSHIP_KINDS: Aggregation<Partnership> = { ...PARTNERSHIPS, name: 'partnershipKinds', by: 'kind' };
const PROGRAMS: Aggregation<Program> = {
  name: 'programs',
  entity: Program,
  district: 'districtCode',
  aggregates: {
    ...PROGRAM_AGGREGATES,
    // Lower-case aliases: PostgreSQL folds unquoted names.
    seats_offered: `sum(case when ${PUBLISHED} then capacity else 0 end)`,
    seats_taken: `sum(case when ${PUBLISHED} then confirmed_count else 0 end)`,
  },
};
const PROGRAM_TRACKS: Aggregation<Program> = {
  name: 'programTracks',
  entity: Program,
  district: 'districtCode',
  by: 'track',
  aggregates: PROGRAM_AGGREGATES,
};
const PROGRAM_FIELDS: Aggregation<Program> = { ...PROGRAM_TRACKS, name: 'programFields', by: 'field' };

/**
 * The rows of a statement over the districts `codes` (the request's batch), built once per shape and number of
 * districts (lib/subgraph/prepared-statements.ts): `query` is given where the codes go.
 */
async function groupedRows<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  shape: string,
  codes: readonly string[],
  query: (codes: string[]) => QueryBuilder<T>,
): Promise<Record<string, unknown>[]> {
  const statement = keyedStatement(em, entity, shape, codes, (standIns) => query(standIns).getKnexQuery().toSQL());
  return statement ? selectRows(em, statement) : query([...codes]).execute('all', false);
}

/**
 * The rows of `aggregation` for one district, keyed by the `by` value ('' without one). All districts the request
 * asks about are counted in one statement: `select district, by, aggregates from T where district in (...) group by ...`.
 */
function aggregateOf<T extends object>(
  { em, loaders }: SubgraphContext,
  aggregation: Aggregation<T>,
  districtCode: string,
): Promise<Rows> {
  return loaders
    .custom<Rows>(`coverage:${aggregation.name}`, async (codes) => {
      const groups = [aggregation.district, ...(aggregation.by ? [aggregation.by] : [])];
      const properties = em.getMetadata().get(aggregation.entity.name).properties;
      const [districtColumn, byColumn] = groups.map((property) => properties[property as never].fieldNames[0]);
      const aggregates = Object.entries(aggregation.aggregates).map(
        ([alias, sql]) => raw(`${sql} as ${alias}`) as string, // raw() is typed any, to fit any query position
      );
      const rows = await groupedRows(em, aggregation.entity, `coverage:${aggregation.name}`, codes, (inCodes) =>
        em
          .createQueryBuilder(aggregation.entity, 'e0')
          .select([...groups, ...aggregates])
          .where({ [aggregation.district]: { $in: inCodes } } as FilterQuery<T>)
          .groupBy(groups),
      );
      const byDistrict = new Map<string, Rows>(codes.map((code) => [String(code), new Map()]));
      for (const row of rows) {
        const figures = Object.fromEntries(
          Object.keys(aggregation.aggregates).map((alias) => [alias, Number(row[alias] ?? 0)]),
        );
        byDistrict.get(String(row[districtColumn]))?.set(byColumn ? String(row[byColumn]) : '', figures);
      }
      return codes.map((code) => byDistrict.get(String(code))!);
    })
    .load(districtCode);
}

async function figure<T extends object>(
  ctx: SubgraphContext,
  aggregation: Aggregation<T>,
  districtCode: string,
  alias: string,
): Promise<number> {
  return (await aggregateOf(ctx, aggregation, districtCode)).get('')?.[alias] ?? 0;
}

/** A center as the rollout counts it. */
interface Opening {
  dongCode: string;
  openedOn: string | null;
  kind: LearningCenterKind;
}

/**
 * The centers of a district open on `asOf` (opened by then, or without an opening day). The districts the request
 * asks about are read in one statement per day asked for; a few hundred short rows for the whole city.
 */
function openingsOf({ em, loaders }: SubgraphContext, districtCode: string, asOf: string): Promise<Opening[]> {
  return loaders
    .custom<Opening[]>(`coverage:openings:${asOf}`, async (codes) => {
      const columns = em.getMetadata().get(LearningCenter.name).properties;
      const [district, dong, openedOn, kind] = (['district', 'dong', 'openedOn', 'kind'] as const).map(
        (property) => columns[property].fieldNames[0],
      );
      const rows = (await groupedRows(em, LearningCenter, `coverage:openings:${asOf}`, codes, (inCodes) =>
        em
          .createQueryBuilder(LearningCenter, 'e0')
          .select(['district', 'dong', 'openedOn', 'kind'])
          .where({ district: { $in: inCodes }, $or: [{ openedOn: null }, { openedOn: { $lte: asOf } }] }),
      )) as Record<string, string | null>[];
      const byDistrict = new Map<string, Opening[]>(codes.map((code) => [String(code), []]));
      for (const row of rows)
        byDistrict.get(String(row[district]))?.push({
          dongCode: String(row[dong]),
          openedOn: row[openedOn],
          kind: row[kind] as LearningCenterKind,
        });
      return codes.map((code) => byDistrict.get(String(code))!);
    })
    .load(districtCode);
}

/** The dongs whose dong center is among `openings`: the plan's measure (a near-workplace center adds none). */
function dongsCoveredBy(openings: readonly Opening[]): number {
  return new Set(openings.filter((o) => o.kind === LearningCenterKind.DONG_CENTER).map((o) => o.dongCode)).size;
}

function rolloutYear(figures: Omit<RolloutYear, 'share'>, dongCount: number): RolloutYear {
  return Object.assign(new RolloutYear(), figures, { share: dongCount ? figures.dongsCovered / dongCount : 0 });
}

/** Year by year from the start of the plan to asOf's year, each counted on its last day (or on asOf). */
function rolloutOf(openings: readonly Opening[], dongCount: number, asOf: string): RolloutYear[] {
  const series: RolloutYear[] = [];
  for (let year = ROLLOUT_START_YEAR; year <= Number(asOf.slice(0, 4)); year++) {
    const countedOn = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
    const open = openings.filter((o) => o.openedOn === null || o.openedOn <= countedOn);
    const openedCenters = open.filter((o) => o.openedOn !== null && o.openedOn >= `${year}-01-01`).length;
    series.push(
      rolloutYear(
        { year, countedOn, openedCenters, centerCount: open.length, dongsCovered: dongsCoveredBy(open) },
        dongCount,
      ),
    );
  }
  return series;
}

/** The areas of the national classification and the area of every field code (one statement per request). */
function classificationOf({ em, loaders }: SubgraphContext): Promise<{ areas: string[]; areaOf: Map<string, string> }> {
  return loaders
    .custom<{ areas: string[]; areaOf: Map<string, string> }>('coverage:classification', async (keys) => {
      const fields = await em.find(LifelongEducationField, {}, { orderBy: { code: 'asc' } });
      const classification = {
        areas: fields.filter((field) => !field.parent).map((field) => field.code),
        areaOf: new Map(fields.map((field) => [field.code, field.parent?.code ?? field.code])),
      };
      return keys.map(() => classification);
    })
    .load('all');
}

/** Every figure of a district's coverage, each computed only when asked for (the resolver's fields and the city's sums). */
export const districtFigures = {
  dongCount: (ctx: SubgraphContext, code: string) => figure(ctx, DONGS, code, 'n'),
  dongsWithCenter: async (ctx: SubgraphContext, code: string, asOf: string) =>
    dongsCoveredBy(await openingsOf(ctx, code, asOf)),
  centerCount: async (ctx: SubgraphContext, code: string, asOf: string) => (await openingsOf(ctx, code, asOf)).length,
  rollout: async (ctx: SubgraphContext, code: string, asOf: string): Promise<RolloutYear[]> => {
    const [openings, dongCount] = await Promise.all([openingsOf(ctx, code, asOf), figure(ctx, DONGS, code, 'n')]);
    return rolloutOf(openings, dongCount, asOf);
  },
  expertCount: (ctx: SubgraphContext, code: string) => figure(ctx, EXPERTS, code, 'n'),
  partnershipCount: (ctx: SubgraphContext, code: string) => figure(ctx, PARTNERSHIPS, code, 'n'),
  activePartnershipCount: (ctx: SubgraphContext, code: string) => figure(ctx, PARTNERSHIPS, code, 'active'),
  programCount: (ctx: SubgraphContext, code: string) => figure(ctx, PROGRAMS, code, 'n'),
  publishedProgramCount: (ctx: SubgraphContext, code: string) => figure(ctx, PROGRAMS, code, 'published'),
  draftProgramCount: (ctx: SubgraphContext, code: string) => figure(ctx, PROGRAMS, code, 'drafts'),
  seatsOffered: (ctx: SubgraphContext, code: string) => figure(ctx, PROGRAMS, code, 'seats_offered'),
  seatsTaken: (ctx: SubgraphContext, code: string) => figure(ctx, PROGRAMS, code, 'seats_taken'),

  partnershipsByKind: async (ctx: SubgraphContext, code: string): Promise<PartnershipKindCount[]> => {
    const rows = await aggregateOf(ctx, PARTNERSHIP_KINDS, code);
    return Object.values(PartnershipKind).map((kind) =>
      Object.assign(new PartnershipKindCount(), {
        kind,
        count: rows.get(kind)?.n ?? 0,
        activeCount: rows.get(kind)?.active ?? 0,
      }),
    );
  },

  programsByTrack: async (ctx: SubgraphContext, code: string): Promise<ProgramTrackCount[]> => {
    const rows = await aggregateOf(ctx, PROGRAM_TRACKS, code);
    return Object.values(ProgramTrack).map((track) =>
      Object.assign(new ProgramTrackCount(), {
        track,
        count: rows.get(track)?.n ?? 0,
        publishedCount: rows.get(track)?.published ?? 0,
      }),
    );
  },

  /** Counted per field code, rolled up to the areas here. */
  programsByField: async (ctx: SubgraphContext, code: string): Promise<ProgramFieldCount[]> => {
    const [rows, { areas, areaOf }] = await Promise.all([
      aggregateOf(ctx, PROGRAM_FIELDS, code),
      classificationOf(ctx),
    ]);
    const byArea = new Map(
      areas.map((fieldCode) => [
        fieldCode,
        Object.assign(new ProgramFieldCount(), { fieldCode, count: 0, publishedCount: 0 }),
      ]),
    );
    for (const [fieldCode, counts] of rows) {
      const area = byArea.get(areaOf.get(fieldCode) ?? fieldCode);
      if (!area) continue;
      area.count += counts.n;
      area.publishedCount += counts.published;
    }
    return [...byArea.values()];
  },
};

export function districtCoverage(districtCode: string, asOf: string): DistrictCoverage {
  return Object.assign(new DistrictCoverage(), { districtCode, asOf });
}

export async function cityCoverage(ctx: SubgraphContext, asOf: string): Promise<CityCoverage> {
  const codes = (await ctx.em.find(District, {}, { orderBy: { code: 'asc' }, fields: ['code'] })).map(
    ({ code }) => code,
  );
  const all = <V>(pick: (ctx: SubgraphContext, code: string, asOf: string) => Promise<V>) =>
    Promise.all(codes.map((code) => pick(ctx, code, asOf)));
  const sum = async (pick: (ctx: SubgraphContext, code: string, asOf: string) => Promise<number>) =>
    (await all(pick)).reduce((total, n) => total + n, 0);
  const f = districtFigures;
  const [
    dongCount,
    dongsWithCenter,
    centerCount,
    rollouts,
    expertCounts,
    partnershipCount,
    programCount,
    seatsOffered,
    seatsTaken,
    kinds,
    tracks,
    fields,
  ] = await Promise.all([
    sum(f.dongCount),
    sum(f.dongsWithCenter),
    sum(f.centerCount),
    all(f.rollout),
    all(f.expertCount),
    sum(f.partnershipCount),
    sum(f.programCount),
    sum(f.seatsOffered),
    sum(f.seatsTaken),
    all(f.partnershipsByKind),
    all(f.programsByTrack),
    all(f.programsByField),
  ]);
  return Object.assign(new CityCoverage(), {
    asOf,
    districts: codes.map((code) => districtCoverage(code, asOf)),
    dongCount,
    dongsWithCenter,
    centerCount,
    rollout: cityRollout(rollouts, dongCount),
    expertCount: expertCounts.reduce((total, n) => total + n, 0),
    districtsMeetingExpertMinimum: expertCounts.filter((n) => n >= EXPERT_MINIMUM).length,
    partnershipCount,
    programCount,
    seatsOffered,
    seatsTaken,
    partnershipsByKind: sumRows(kinds, 'kind', ['count', 'activeCount'], PartnershipKindCount),
    programsByTrack: sumRows(tracks, 'track', ['count', 'publishedCount'], ProgramTrackCount),
    programsByField: sumRows(fields, 'fieldCode', ['count', 'publishedCount'], ProgramFieldCount),
  });
}

/** Adds up the districts' rows of one breakdown, key by key, keeping the districts' row order. */
function sumRows<R extends object, K extends keyof R, N extends keyof R>(
  lists: R[][],
  key: K,
  counts: N[],
  type: new () => R,
): R[] {
  const totals = new Map<R[K], R>();
  for (const row of lists.flat()) {
    const total =
      totals.get(row[key]) ??
      Object.assign(new type(), { [key]: row[key] }, Object.fromEntries(counts.map((c) => [c, 0])));
    counts.forEach((c) => ((total[c] as number) += row[c] as number));
    totals.set(row[key], total);
  }
  return [...totals.values()];
}

/** The districts' series added up year by year; the city's share is of all its dongs. */
function cityRollout(districts: RolloutYear[][], dongCount: number): RolloutYear[] {
  return (districts[0] ?? []).map(({ year, countedOn }, i) => {
    const total = (pick: (row: RolloutYear) => number) => districts.reduce((n, series) => n + pick(series[i]), 0);
    return rolloutYear(
      {
        year,
        countedOn,
        openedCenters: total((row) => row.openedCenters),
        centerCount: total((row) => row.centerCount),
        dongsCovered: total((row) => row.dongsCovered),
      },
      dongCount,
    );
  });
}
