/**
 * Program search for residents: published programs by text (Korean or English
 * title), track, field, place, dates, free seats and distance from a point.
 * With `near`, the indexed (lat, lng) columns narrow the rows to a bounding
 * box, the exact great-circle distance, computed in SQL, decides, orders and
 * pages them (distance, id); the radius is capped at MAX_RADIUS_KM;
 * without it, the catalog order (startsOn, id) holds.
 */
import { raw, Utils, type FilterQuery } from '@mikro-orm/core';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { SubgraphContext } from '../../../lib/subgraph/context';
import { badInput } from '../../../lib/errors';
import {
  ConnectionArgs,
  pageRequest,
  PageInfo,
  toConnection,
  type Connection,
  type SortOrder,
} from '../../../lib/subgraph/relay';
import { DateScalar } from '../../../lib/subgraph/scalars';
import { foldedContainsText } from '../../../lib/subgraph/text';
import { paginatePrograms } from './program.connection';
import { Program, ProgramStatus } from './program.entity';
import { checkFilterText, programWhere } from './program.filter';
import { ProgramTrack } from './program-track';

/** Seoul is about 35 km across: a larger circle only costs work. */
export const MAX_RADIUS_KM = 50;
const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_LAT = (Math.PI * EARTH_RADIUS_KM) / 180;

@InputType({ description: 'A circle around a point.' })
export class NearInput {
  @Field(() => Float, { description: '-90 to 90.' }) lat!: number;
  @Field(() => Float, { description: '-180 to 180.' }) lng!: number;
  @Field(() => Float, { description: `More than 0, at most ${MAX_RADIUS_KM}.` }) radiusKm!: number;
}

@InputType({ description: 'What a resident looks for: all given conditions hold. Only published programs are found.' })
export class ProgramSearchInput {
  @Field(() => String, {
    nullable: true,
    description: 'Part of the Korean or the English title, any case; at most 100 characters.',
  })
  text?: string | null;
  @Field(() => ProgramTrack, { nullable: true }) track?: ProgramTrack | null;
  @Field(() => ID, { nullable: true, description: 'A field code; an area ("4") also matches its sub-areas.' })
  fieldCode?: string | null;
  @Field(() => ID, { nullable: true }) districtCode?: string | null;
  @Field(() => ID, { nullable: true }) dongCode?: string | null;
  @Field(() => DateScalar, { nullable: true }) startsOnOrAfter?: string | null;
  @Field(() => DateScalar, { nullable: true }) startsOnOrBefore?: string | null;
  @Field(() => Int, { nullable: true, description: 'At least this many free seats (1: not full).' }) minSeatsLeft?:
    number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: programs the city certified as excellent (any year); false: programs it did not.',
  })
  certified?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Programs the city certified as excellent for this year.' })
  certifiedInYear?: number | null;
  @Field(() => NearInput, {
    nullable: true,
    description: "Within radiusKm of the point (the learning center's location), nearest first.",
  })
  near?: NearInput | null;
}

@ObjectType('ProgramSearchEdge')
export class ProgramSearchEdge {
  @Field() cursor!: string;
  @Field(() => Program) node!: Program;
  @Field(() => Float, { nullable: true, description: 'Great-circle distance from `near` in km; null without `near`.' })
  distanceKm!: number | null;
}

@ObjectType({
  description: 'A page of found programs (Relay connection): nearest first with `near`, else soonest first.',
})
export class ProgramSearchConnection {
  @Field(() => [ProgramSearchEdge]) edges!: ProgramSearchEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  /** Resolved by ProgramSearchResolver.totalCount, only when asked for. */
  count!: () => Promise<number>;
}

/** Great-circle distance in km (haversine). */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A box that holds the whole circle (a little more near the poles' side is harmless). */
function boundingBox({ lat, lng, radiusKm }: NearInput) {
  const dLat = radiusKm / KM_PER_DEGREE_LAT;
  const cosLat = Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180);
  const dLng = Math.min(180, radiusKm / (KM_PER_DEGREE_LAT * cosLat));
  return { lat: { $gte: lat - dLat, $lte: lat + dLat }, lng: { $gte: lng - dLng, $lte: lng + dLng } };
}

function checkSearch(search: ProgramSearchInput): void {
  const { near, minSeatsLeft, text } = search;
  if (near) {
    if (!(near.lat >= -90 && near.lat <= 90))
      throw badInput(`near.lat must be between -90 and 90, got ${near.lat}`, 'filter');
    if (!(near.lng >= -180 && near.lng <= 180))
      throw badInput(`near.lng must be between -180 and 180, got ${near.lng}`, 'filter');
    if (!(near.radiusKm > 0 && near.radiusKm <= MAX_RADIUS_KM)) {
      throw badInput(`near.radiusKm must be more than 0 and at most ${MAX_RADIUS_KM}, got ${near.radiusKm}`, 'filter');
    }
  }
  if (minSeatsLeft != null && minSeatsLeft < 0)
    throw badInput(`minSeatsLeft must not be negative, got ${minSeatsLeft}`, 'filter');
  checkFilterText(text, 'text');
}

async function searchWhere(search: ProgramSearchInput, ctx: SubgraphContext): Promise<FilterQuery<Program>> {
  const base = await programWhere(
    {
      status: ProgramStatus.PUBLISHED,
      track: search.track ?? undefined,
      fieldCode: search.fieldCode ?? undefined,
      districtCode: search.districtCode ?? undefined,
      dongCode: search.dongCode ?? undefined,
      startsOnOrAfter: search.startsOnOrAfter ?? undefined,
      startsOnOrBefore: search.startsOnOrBefore ?? undefined,
      certified: search.certified ?? undefined,
      certifiedInYear: search.certifiedInYear ?? undefined,
    },
    ctx,
  );
  const text = search.text?.trim();
  const conditions: FilterQuery<Program>[] = [base];
  if (text)
    conditions.push({
      $or: [foldedContainsText('title_folded', text), foldedContainsText('title_en_folded', text)],
    } as FilterQuery<Program>);
  if (search.minSeatsLeft) conditions.push({ seatsLeft: { $gte: search.minSeatsLeft } } as FilterQuery<Program>);
  if (search.near) conditions.push(boundingBox(search.near) as FilterQuery<Program>);
  return { $and: conditions } as FilterQuery<Program>;
}

interface Found {
  id: string;
  distanceKm: number;
}
const DISTANCE_ORDER: SortOrder<Found> = [
  { property: 'distanceKm', direction: 'asc' },
  { property: 'id', direction: 'asc' },
];

/**
 * Great-circle distance (haversine, as `haversineKm`) from `near` to the row's point, in SQL: SQLite's
 * built-in math functions and PostgreSQL's compute it alike, so filter, order, limit and count stay in the database.
 */
function distanceSql(near: NearInput): { sql: string; params: number[] } {
  const h =
    'sin(radians(e0.lat - ?) / 2) * sin(radians(e0.lat - ?) / 2) + cos(radians(?)) * cos(radians(e0.lat)) * sin(radians(e0.lng - ?) / 2) * sin(radians(e0.lng - ?) / 2)';
  return {
    sql: `2 * ${EARTH_RADIUS_KM} * asin(sqrt(case when (${h}) > 1 then 1 else (${h}) end))`,
    params: [
      ...[near.lat, near.lat, near.lat, near.lng, near.lng],
      ...[near.lat, near.lat, near.lat, near.lng, near.lng],
    ],
  };
}

/**
 * Inside the indexed bounding box, the exact distance filters, orders and pages in SQL: only the page's rows
 * (and, when asked, one count) leave the database, and only the page's programs are loaded whole.
 */
async function searchNear(
  ctx: SubgraphContext,
  where: FilterQuery<Program>,
  near: NearInput,
  args: ConnectionArgs,
): Promise<ProgramSearchConnection> {
  const request = pageRequest(args, DISTANCE_ORDER as SortOrder<object>);
  const after = request.afterValues;
  if (after && (typeof after[0] !== 'number' || typeof after[1] !== 'string'))
    throw badInput('after is not a cursor of this search', 'after');
  const knex = ctx.em.getKnex();
  const distance = distanceSql(near);
  // A copy each time: a query builder uses up the raw fragments (text conditions) of the where it is given.
  const within = () =>
    knex
      .from(
        ctx.em
          .createQueryBuilder(Program, 'e0')
          .select(['id'])
          .addSelect(raw(`${distance.sql} as distance_km`, distance.params))
          .where(Utils.copy(where) as never)
          .getKnexQuery()
          .as('near'),
      )
      .where('distance_km', '<=', near.radiusKm);
  const page = within()
    .select('id', 'distance_km')
    .orderBy([{ column: 'distance_km' }, { column: 'id' }])
    .limit(request.first + 1);
  if (after) {
    const [distanceKm, id] = after as [number, string];
    // Braces: a knex builder is thenable, and the callbacks must not return it.
    page.andWhere((q) => {
      void q.where('distance_km', '>', distanceKm).orWhere((q2) => {
        void q2.where('distance_km', '=', distanceKm).andWhere('id', '>', id);
      });
    });
  }
  const rows = ((await page) as { id: string; distance_km: number | string }[]).map((row) => ({
    id: row.id,
    distanceKm: Number(row.distance_km),
  }));
  const programs = new Map(
    (await ctx.em.find(Program, { id: { $in: rows.map((row) => row.id) } })).map((p) => [p.id, p]),
  );
  const count = async () => Number(((await within().count({ n: '*' })) as { n: number | string }[])[0].n);
  const connection = toConnection(rows, request, DISTANCE_ORDER, count);
  return toSearchConnection(connection, (row) => ({ node: programs.get(row.id)!, distanceKm: row.distanceKm }));
}

function toSearchConnection<T>(
  page: Connection<T>,
  edgeOf: (node: T) => { node: Program; distanceKm: number | null },
): ProgramSearchConnection {
  return Object.assign(new ProgramSearchConnection(), {
    edges: page.edges.map(({ cursor, node }) => Object.assign(new ProgramSearchEdge(), { cursor, ...edgeOf(node) })),
    pageInfo: page.pageInfo,
    count: async () => (typeof page.totalCount === 'function' ? page.totalCount() : page.totalCount),
  });
}

export async function searchPrograms(
  ctx: SubgraphContext,
  search: ProgramSearchInput | null | undefined,
  args: ConnectionArgs,
): Promise<ProgramSearchConnection> {
  const input = search ?? {};
  checkSearch(input);
  const where = await searchWhere(input, ctx);
  if (input.near) return searchNear(ctx, where, input.near, args);
  const page = await paginatePrograms(ctx.em, where, args);
  return toSearchConnection(page, (node) => ({ node, distanceKm: null }));
}
