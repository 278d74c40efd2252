import type { Orm } from '../../lib/subgraph/orm';
import { openSubgraphDatabase } from '../support/stack';
import { query, sql, truthy } from './analytics-support';

const COVERAGE = `{
  coverage {
    dongCount partnershipCount programCount seatsOffered seatsTaken
    partnershipsByKind { kind count activeCount }
    programsByTrack { track count publishedCount }
    programsByField { field { code nameEn } count publishedCount }
    districts {
      district { code } dongCount partnershipCount programCount publishedProgramCount seatsOffered seatsTaken
      partnershipsByKind { kind count activeCount }
      programsByTrack { track count publishedCount }
      programsByField { field { code } count publishedCount }
    }
  }
}`;

interface Tally {
  [key: string]: number;
}
const add = (tally: Tally, key: string, n = 1) => (tally[key] = (tally[key] ?? 0) + n);
const pairs = (rows: { [k: string]: any }[], key: string, count: string) =>
  Object.fromEntries(rows.filter((r) => r[count] > 0).map((r) => [r[key], r[count]]));

let orm: Orm;
let coverage: any;
/** What the database says, counted here row by row (no GROUP BY). */
let expected: Map<
  string,
  {
    kinds: Tally;
    activeKinds: Tally;
    tracks: Tally;
    publishedTracks: Tally;
    areas: Tally;
    publishedAreas: Tally;
    seatsOffered: number;
    seatsTaken: number;
  }
>;

beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
  coverage = (await query(COVERAGE)).coverage;
  const fields = await sql(orm, 'select code, parent_code from lifelong_education_field');
  const areaOf = new Map(fields.map((f) => [f.code, f.parent_code ?? f.code]));
  expected = new Map();
  const of = (code: string) => {
    if (!expected.has(code))
      expected.set(code, {
        kinds: {},
        activeKinds: {},
        tracks: {},
        publishedTracks: {},
        areas: {},
        publishedAreas: {},
        seatsOffered: 0,
        seatsTaken: 0,
      });
    return expected.get(code)!;
  };
  // Agreed partnerships only: a proposal (or a declined one) is not part of the network, nor public.
  for (const p of await sql(
    orm,
    "select district_code, kind, active from partnership where status in ('ACTIVE', 'ENDED')",
  )) {
    add(of(p.district_code).kinds, p.kind);
    if (truthy(p.active)) add(of(p.district_code).activeKinds, p.kind);
  }
  for (const p of await sql(
    orm,
    'select district_code, track, field_code, status, published_at, capacity, confirmed_count from program',
  )) {
    const d = of(p.district_code);
    const area = areaOf.get(p.field_code)!;
    // Public figures count what was published (published, or archived since); drafts are not public.
    if (p.published_at !== null) {
      add(d.tracks, p.track);
      add(d.areas, area);
    }
    if (p.status === 'PUBLISHED') {
      add(d.publishedTracks, p.track);
      add(d.publishedAreas, area);
      d.seatsOffered += Number(p.capacity);
      d.seatsTaken += Number(p.confirmed_count);
    }
  }
});
afterAll(() => orm?.close());

describe('coverage breakdowns', () => {
  it('counts partnerships by kind in every district as the partnership rows do', () => {
    for (const district of coverage.districts) {
      const facts = expected.get(district.district.code);
      expect(pairs(district.partnershipsByKind, 'kind', 'count')).toEqual(facts?.kinds ?? {});
      expect(pairs(district.partnershipsByKind, 'kind', 'activeCount')).toEqual(facts?.activeKinds ?? {});
      expect(district.partnershipsByKind.reduce((n: number, k: any) => n + k.count, 0)).toBe(district.partnershipCount);
    }
  });

  it('counts programs by track and by national field area in every district as the program rows do', () => {
    for (const district of coverage.districts) {
      const facts = expected.get(district.district.code)!;
      expect(pairs(district.programsByTrack, 'track', 'count')).toEqual(facts.tracks);
      expect(pairs(district.programsByTrack, 'track', 'publishedCount')).toEqual(facts.publishedTracks);
      const byArea = district.programsByField.map((f: any) => ({ ...f, code: f.field.code }));
      expect(pairs(byArea, 'code', 'count')).toEqual(facts.areas);
      expect(pairs(byArea, 'code', 'publishedCount')).toEqual(facts.publishedAreas);
      expect(byArea.every((f: any) => !f.code.includes('-'))).toBe(true);
    }
  });

  it('gives the seats offered and taken of the published programs of every district', () => {
    expect(coverage.seatsOffered).toBeGreaterThan(coverage.seatsTaken);
    for (const district of coverage.districts) {
      const facts = expected.get(district.district.code)!;
      expect([district.seatsOffered, district.seatsTaken]).toEqual([facts.seatsOffered, facts.seatsTaken]);
    }
  });

  it('lists every kind, track and area even where a district has none, in a fixed order', () => {
    const kinds = coverage.districts.map((d: any) => d.partnershipsByKind.map((k: any) => k.kind).join());
    expect(new Set(kinds).size).toBe(1);
    expect(coverage.partnershipsByKind.map((k: any) => k.kind)).toEqual([
      'VENUE_SHARING',
      'CO_HOSTING',
      'INSTRUCTOR_EXCHANGE',
      'RESOURCE_SHARING',
    ]);
    expect(coverage.programsByTrack.map((t: any) => t.track)).toEqual([
      'LIFE_CULTURE',
      'VOCATIONAL_CAPACITY',
      'LOCAL_PROBLEM_SOLVING',
    ]);
    expect(coverage.programsByField.map((f: any) => f.field.code)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('adds the districts up to the city totals', () => {
    const sum = (pick: (d: any) => number) => coverage.districts.reduce((n: number, d: any) => n + pick(d), 0);
    expect(coverage.seatsOffered).toBe(sum((d) => d.seatsOffered));
    expect(coverage.seatsTaken).toBe(sum((d) => d.seatsTaken));
    expect(coverage.programCount).toBe(sum((d) => d.programCount));
    expect(coverage.partnershipCount).toBe(sum((d) => d.partnershipCount));
    coverage.programsByTrack.forEach((t: any, i: number) =>
      expect(t.count).toBe(sum((d) => d.programsByTrack[i].count)),
    );
    coverage.programsByField.forEach((f: any, i: number) =>
      expect(f.publishedCount).toBe(sum((d) => d.programsByField[i].publishedCount)),
    );
    coverage.partnershipsByKind.forEach((k: any, i: number) =>
      expect(k.activeCount).toBe(sum((d) => d.partnershipsByKind[i].activeCount)),
    );
  });

  it("agrees with the catalog: a district's published programs of a track or an area are what `programs` finds", async () => {
    const mapo = coverage.districts.find((d: any) => d.district.code === '11440');
    const found = await query(
      `query ($d: ID!) { track: programs(filter: { districtCode: $d, track: LIFE_CULTURE }) { totalCount }
                         area: programs(filter: { districtCode: $d, fieldCode: "4" }) { totalCount }
                         all: programs(filter: { districtCode: $d }) { totalCount } }`,
      { d: '11440' },
    );
    expect(found.track.totalCount).toBe(
      mapo.programsByTrack.find((t: any) => t.track === 'LIFE_CULTURE').publishedCount,
    );
    expect(found.area.totalCount).toBe(mapo.programsByField.find((f: any) => f.field.code === '4').publishedCount);
    expect(found.all.totalCount).toBe(mapo.publishedProgramCount);
  });

  it('answers a district on its own with the same numbers', async () => {
    const { district } = await query(
      `{ district(code: "11680") { coverage { seatsOffered seatsTaken programsByTrack { track count } } } }`,
    );
    const listed = coverage.districts.find((d: any) => d.district.code === '11680');
    expect(district.coverage.seatsOffered).toBe(listed.seatsOffered);
    expect(district.coverage.seatsTaken).toBe(listed.seatsTaken);
    expect(district.coverage.programsByTrack).toEqual(
      listed.programsByTrack.map(({ track, count }: any) => ({ track, count })),
    );
  });
});
