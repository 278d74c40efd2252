/**
 * Coverage of the cooperation model per district, for analysts. All 25
 * districts are counted together with one grouped statement per table, once
 * per request, however many districts the query asks about.
 */
import { raw, type EntityClass } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import type { SubgraphContext } from '../../lib/context';
import { District } from './district.entity';
import { Dong } from './dong.entity';
import { LifelongLearningExpert } from './expert.entity';
import { LearningCenter } from './learning-center.entity';
import { LifelongEducationField } from './lifelong-education-field.entity';
import { Partnership, PartnershipKind } from './partnership.entity';
import { Program, ProgramStatus } from './program.entity';
import { ProgramTrack } from './program-track';

/** The city asks every district for at least two Dong Lifelong Learning Experts. */
export const EXPERT_MINIMUM = 2;

@ObjectType({ description: 'Partnerships of one kind.' })
export class PartnershipKindCount {
  @Field(() => PartnershipKind) kind!: PartnershipKind;
  @Field(() => Int, { description: 'Active or ended.' }) count!: number;
  @Field(() => Int) activeCount!: number;
}

@ObjectType({ description: 'Programs of one track.' })
export class ProgramTrackCount {
  @Field(() => ProgramTrack) track!: ProgramTrack;
  @Field(() => Int, { description: 'In any status.' }) count!: number;
  @Field(() => Int) publishedCount!: number;
}

@ObjectType({ description: 'Programs of one area of the national classification (its sub-areas included).' })
export class ProgramFieldCount {
  fieldCode!: string;
  @Field(() => Int, { description: 'In any status.' }) count!: number;
  @Field(() => Int) publishedCount!: number;
}

/** The breakdowns a district and the city share (a base class only: no query returns it, so it stays out of the schema). */
@ObjectType('CoverageBreakdowns')
class Breakdowns {
  @Field(() => [PartnershipKindCount], { description: 'Every kind, in enum order (zero where there is none).' })
  partnershipsByKind!: PartnershipKindCount[];
  @Field(() => [ProgramTrackCount], { description: 'Every track, in enum order.' }) programsByTrack!: ProgramTrackCount[];
  @Field(() => [ProgramFieldCount], { description: 'Every area of the national classification, by code.' })
  programsByField!: ProgramFieldCount[];
  @Field(() => Int, { description: 'Seats of published programs (the sum of their capacity).' }) seatsOffered!: number;
  @Field(() => Int, { description: 'Confirmed enrollments in published programs.' }) seatsTaken!: number;
}

@ObjectType({ description: 'How far the cooperation model reaches in one district.' })
export class DistrictCoverage extends Breakdowns {
  districtCode!: string;
  @Field(() => Int) dongCount!: number;
  @Field(() => Int, { description: 'Dongs with at least one learning center.' }) dongsWithCenter!: number;
  @Field(() => Int) centerCount!: number;
  @Field(() => Int) expertCount!: number;
  @Field({ description: `At least ${EXPERT_MINIMUM} Dong Lifelong Learning Experts.` }) meetsExpertMinimum!: boolean;
  @Field(() => Int, { description: "Partnerships of the district's centers, active or ended." }) partnershipCount!: number;
  @Field(() => Int) activePartnershipCount!: number;
  @Field(() => Int, { description: "Programs of the district's centers, in any status." }) programCount!: number;
  @Field(() => Int) publishedProgramCount!: number;
}

@ObjectType({ description: 'Coverage of the cooperation model across Seoul.' })
export class CityCoverage extends Breakdowns {
  @Field(() => [DistrictCoverage], { description: 'Every district, by code.' }) districts!: DistrictCoverage[];
  @Field(() => Int) dongCount!: number;
  @Field(() => Int) dongsWithCenter!: number;
  @Field(() => Int) expertCount!: number;
  @Field(() => Int, { description: `Districts with at least ${EXPERT_MINIMUM} experts.` }) districtsMeetingExpertMinimum!: number;
  @Field(() => Int) partnershipCount!: number;
  @Field(() => Int) programCount!: number;
}

type Counts = Map<string, Record<string, number>>;

/**
 * `select <groups>, <aggregates> from <table> group by <groups>`, keyed by the
 * group values joined with "|" (e.g. "11680|CO_HOSTING").
 */
async function countBy<T extends object>(
  em: SubgraphContext['em'],
  entity: EntityClass<T>,
  groupProperties: (keyof T & string) | (keyof T & string)[],
  aggregates: Record<string, string>,
): Promise<Counts> {
  const groups = [groupProperties].flat();
  const columns = groups.map((property) => em.getMetadata().get(entity.name).properties[property as never].fieldNames[0]);
  const rows: Record<string, unknown>[] = await em
    .createQueryBuilder(entity, 'e0')
    .select([...groups, ...Object.entries(aggregates).map(([alias, sql]) => raw(`${sql} as ${alias}`))])
    .groupBy(groups)
    .execute('all', false);
  return new Map(
    rows.map((row) => [
      columns.map((column) => String(row[column])).join('|'),
      Object.fromEntries(Object.keys(aggregates).map((alias) => [alias, Number(row[alias] ?? 0)])),
    ]),
  );
}

const PUBLISHED = `status = '${ProgramStatus.PUBLISHED}'`;
const PROGRAM_AGGREGATES = { n: 'count(*)', published: `sum(case when ${PUBLISHED} then 1 else 0 end)` };

/** Partnership kinds, tracks and field areas of every district: three grouped statements, then rolled up to areas here. */
async function computeBreakdowns(em: SubgraphContext['em']): Promise<(districtCode: string) => Omit<Breakdowns, 'seatsOffered' | 'seatsTaken'>> {
  const [kinds, tracks, fields, classification] = await Promise.all([
    countBy(em, Partnership, ['districtCode', 'kind'], { n: 'count(*)', active: 'sum(case when active then 1 else 0 end)' }),
    countBy(em, Program, ['districtCode', 'track'], PROGRAM_AGGREGATES),
    countBy(em, Program, ['districtCode', 'field'], PROGRAM_AGGREGATES),
    em.find(LifelongEducationField, {}, { orderBy: { code: 'asc' } }),
  ]);
  const areaOf = new Map(classification.map((field) => [field.code, field.parent?.code ?? field.code]));
  const areas = classification.filter((field) => !field.parent).map((field) => field.code);
  const byArea = new Map<string, { n: number; published: number }>();
  for (const [key, counts] of fields) {
    const [districtCode, fieldCode] = key.split('|');
    const areaKey = `${districtCode}|${areaOf.get(fieldCode) ?? fieldCode}`;
    const total = byArea.get(areaKey) ?? { n: 0, published: 0 };
    byArea.set(areaKey, { n: total.n + counts.n, published: total.published + counts.published });
  }
  return (code) => ({
    partnershipsByKind: Object.values(PartnershipKind).map((kind) =>
      Object.assign(new PartnershipKindCount(), { kind, count: kinds.get(`${code}|${kind}`)?.n ?? 0, activeCount: kinds.get(`${code}|${kind}`)?.active ?? 0 })),
    programsByTrack: Object.values(ProgramTrack).map((track) =>
      Object.assign(new ProgramTrackCount(), { track, count: tracks.get(`${code}|${track}`)?.n ?? 0, publishedCount: tracks.get(`${code}|${track}`)?.published ?? 0 })),
    programsByField: areas.map((fieldCode) =>
      Object.assign(new ProgramFieldCount(), { fieldCode, count: byArea.get(`${code}|${fieldCode}`)?.n ?? 0, publishedCount: byArea.get(`${code}|${fieldCode}`)?.published ?? 0 })),
  });
}

async function computeCoverage(em: SubgraphContext['em']): Promise<DistrictCoverage[]> {
  const [districts, dongs, centers, experts, partnerships, programs, breakdowns] = await Promise.all([
    em.find(District, {}, { orderBy: { code: 'asc' } }),
    countBy(em, Dong, 'district', { n: 'count(*)' }),
    countBy(em, LearningCenter, 'district', { n: 'count(*)', dongs: 'count(distinct dong_code)' }),
    countBy(em, LifelongLearningExpert, 'district', { n: 'count(*)' }),
    countBy(em, Partnership, 'districtCode', { n: 'count(*)', active: 'sum(case when active then 1 else 0 end)' }),
    countBy(em, Program, 'districtCode', {
      ...PROGRAM_AGGREGATES,
      // Lower-case aliases: PostgreSQL folds unquoted names.
      seats_offered: `sum(case when ${PUBLISHED} then capacity else 0 end)`,
      seats_taken: `sum(case when ${PUBLISHED} then confirmed_count else 0 end)`,
    }),
    computeBreakdowns(em),
  ]);
  return districts.map(({ code }) => {
    const expertCount = experts.get(code)?.n ?? 0;
    return Object.assign(new DistrictCoverage(), {
      districtCode: code,
      dongCount: dongs.get(code)?.n ?? 0,
      dongsWithCenter: centers.get(code)?.dongs ?? 0,
      centerCount: centers.get(code)?.n ?? 0,
      expertCount,
      meetsExpertMinimum: expertCount >= EXPERT_MINIMUM,
      partnershipCount: partnerships.get(code)?.n ?? 0,
      activePartnershipCount: partnerships.get(code)?.active ?? 0,
      programCount: programs.get(code)?.n ?? 0,
      publishedProgramCount: programs.get(code)?.published ?? 0,
      seatsOffered: programs.get(code)?.seats_offered ?? 0,
      seatsTaken: programs.get(code)?.seats_taken ?? 0,
      ...breakdowns(code),
    });
  });
}

/** Every district's coverage, computed at most once per request. */
export function allCoverage({ em, loaders }: SubgraphContext): Promise<DistrictCoverage[]> {
  return loaders
    .custom<DistrictCoverage[]>('coverage', async (keys) => {
      const all = await computeCoverage(em);
      return keys.map(() => all);
    })
    .load('all');
}

export async function districtCoverage(ctx: SubgraphContext, districtCode: string): Promise<DistrictCoverage> {
  const found = (await allCoverage(ctx)).find((coverage) => coverage.districtCode === districtCode);
  if (!found) throw new Error(`district ${districtCode} does not exist`);
  return found;
}

export async function cityCoverage(ctx: SubgraphContext): Promise<CityCoverage> {
  const districts = await allCoverage(ctx);
  const sum = (pick: (coverage: DistrictCoverage) => number) => districts.reduce((total, coverage) => total + pick(coverage), 0);
  return Object.assign(new CityCoverage(), {
    districts,
    dongCount: sum((c) => c.dongCount),
    dongsWithCenter: sum((c) => c.dongsWithCenter),
    expertCount: sum((c) => c.expertCount),
    districtsMeetingExpertMinimum: districts.filter((c) => c.meetsExpertMinimum).length,
    partnershipCount: sum((c) => c.partnershipCount),
    programCount: sum((c) => c.programCount),
    seatsOffered: sum((c) => c.seatsOffered),
    seatsTaken: sum((c) => c.seatsTaken),
    partnershipsByKind: sumRows(districts.map((c) => c.partnershipsByKind), 'kind', ['count', 'activeCount'], PartnershipKindCount),
    programsByTrack: sumRows(districts.map((c) => c.programsByTrack), 'track', ['count', 'publishedCount'], ProgramTrackCount),
    programsByField: sumRows(districts.map((c) => c.programsByField), 'fieldCode', ['count', 'publishedCount'], ProgramFieldCount),
  });
}

/** Adds up the districts' rows of one breakdown, key by key, keeping the districts' row order. */
function sumRows<R extends object, K extends keyof R, N extends keyof R>(lists: R[][], key: K, counts: N[], type: new () => R): R[] {
  const totals = new Map<R[K], R>();
  for (const row of lists.flat()) {
    const total = totals.get(row[key]) ?? Object.assign(new type(), { [key]: row[key] }, Object.fromEntries(counts.map((c) => [c, 0])));
    counts.forEach((c) => ((total[c] as number) += row[c] as number));
    totals.set(row[key], total);
  }
  return [...totals.values()];
}
