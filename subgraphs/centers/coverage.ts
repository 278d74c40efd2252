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
import { Partnership } from './partnership.entity';
import { Program, ProgramStatus } from './program.entity';

/** The city asks every district for at least two Dong Lifelong Learning Experts. */
export const EXPERT_MINIMUM = 2;

@ObjectType({ description: 'How far the cooperation model reaches in one district.' })
export class DistrictCoverage {
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
export class CityCoverage {
  @Field(() => [DistrictCoverage], { description: 'Every district, by code.' }) districts!: DistrictCoverage[];
  @Field(() => Int) dongCount!: number;
  @Field(() => Int) dongsWithCenter!: number;
  @Field(() => Int) expertCount!: number;
  @Field(() => Int, { description: `Districts with at least ${EXPERT_MINIMUM} experts.` }) districtsMeetingExpertMinimum!: number;
}

type Counts = Map<string, Record<string, number>>;

/** `select <group>, <aggregates> from <table> group by <group>`, keyed by the group value. */
async function countBy<T extends object>(
  em: SubgraphContext['em'],
  entity: EntityClass<T>,
  groupProperty: keyof T & string,
  aggregates: Record<string, string>,
): Promise<Counts> {
  const column = em.getMetadata().get(entity.name).properties[groupProperty as never].fieldNames[0];
  const rows: Record<string, unknown>[] = await em
    .createQueryBuilder(entity, 'e0')
    .select([groupProperty, ...Object.entries(aggregates).map(([alias, sql]) => raw(`${sql} as ${alias}`))])
    .groupBy(groupProperty)
    .execute('all', false);
  return new Map(
    rows.map((row) => [String(row[column]), Object.fromEntries(Object.keys(aggregates).map((alias) => [alias, Number(row[alias] ?? 0)]))]),
  );
}

async function computeCoverage(em: SubgraphContext['em']): Promise<DistrictCoverage[]> {
  const published = `sum(case when status = '${ProgramStatus.PUBLISHED}' then 1 else 0 end)`;
  const [districts, dongs, centers, experts, partnerships, programs] = await Promise.all([
    em.find(District, {}, { orderBy: { code: 'asc' } }),
    countBy(em, Dong, 'district', { n: 'count(*)' }),
    countBy(em, LearningCenter, 'district', { n: 'count(*)', dongs: 'count(distinct dong_code)' }),
    countBy(em, LifelongLearningExpert, 'district', { n: 'count(*)' }),
    countBy(em, Partnership, 'districtCode', { n: 'count(*)', active: 'sum(case when active then 1 else 0 end)' }),
    countBy(em, Program, 'districtCode', { n: 'count(*)', published }),
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
  });
}
