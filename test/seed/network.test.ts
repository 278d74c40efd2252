import { buildNetwork } from '../../seed/network';
import type { EntityRef, Network, ProgramRow } from '../../seed/network.types';
import { loadDongCounts2021 } from '../../seed/real/regions';

/** The network without its streams, as plain data that can be compared. */
function staticPart(network: Network): Omit<Network, 'programs' | 'enrollments'> {
  const { programs: _programs, enrollments: _enrollments, ...rest } = network;
  return rest;
}

function take<T>(rows: Iterable<T>, count: number): T[] {
  const taken: T[] = [];
  for (const row of rows) {
    if (taken.length >= count) break;
    taken.push(row);
  }
  return taken;
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => seen.size === seen.add(id).size);
}

describe('seed network', () => {
  let network: Network;
  let programs: ProgramRow[];

  beforeAll(() => {
    network = buildNetwork();
    programs = [...network.programs()];
  });

  describe('real data', () => {
    it('has the 25 districts, 426 dongs and 11 education offices', () => {
      expect(network.districts).toHaveLength(25);
      expect(network.dongs).toHaveLength(426);
      expect(network.educationOffices).toHaveLength(11);
      expect(network.educationOffices.flatMap((office) => office.districtCodes).sort()).toEqual(
        network.districts.map((district) => district.code).sort(),
      );
    });

    it('keeps the April 2021 dong count of every district, plus 상일제2동 in 강동구', () => {
      const expected = loadDongCounts2021();
      expected.set('11740', (expected.get('11740') ?? 0) + 1);
      const actual = new Map<string, number>();
      for (const dong of network.dongs) actual.set(dong.districtCode, (actual.get(dong.districtCode) ?? 0) + 1);
      expect(actual).toEqual(expected);
    });

    it('applies the dong changes that have codes', () => {
      const byCode = new Map(network.dongs.map((dong) => [dong.code, dong]));
      expect(byCode.get('1174052600')?.nameKo).toBe('상일제2동');
      expect(byCode.get('1174052500')?.nameKo).toBe('상일제1동');
      expect(byCode.get('1168067500')?.nameKo).toBe('개포3동');
      expect(byCode.has('1174052000')).toBe(false);
      expect(byCode.has('1168074000')).toBe(false);
    });

    it('has all 1,313 schools, almost all located in a dong of their own district', () => {
      expect(network.schools).toHaveLength(1313);
      const districtOfDong = new Map(network.dongs.map((dong) => [dong.code, dong.districtCode]));
      const outside = network.schools.filter(
        (school) => !school.dongCode || districtOfDong.get(school.dongCode) !== school.districtCode,
      );
      expect(outside.length).toBeLessThan(network.schools.length * 0.01);
    });

    it('refers only to existing districts, dongs and offices', () => {
      const districts = new Set(network.districts.map((district) => district.code));
      const dongs = new Set(network.dongs.map((dong) => dong.code));
      const offices = new Set(network.educationOffices.map((office) => office.code));
      const institutions = [...network.schools, ...network.libraries, ...network.culturalCenters];
      expect(institutions.filter((row) => !districts.has(row.districtCode)).map((row) => row.id)).toEqual([]);
      expect(
        institutions.filter((row) => row.dongCode !== null && !dongs.has(row.dongCode)).map((row) => row.id),
      ).toEqual([]);
      const withOffice = [...network.districts, ...network.schools];
      expect(withOffice.filter((row) => !offices.has(row.educationOfficeCode))).toEqual([]);
    });
  });

  describe('generated data', () => {
    it('is deterministic', () => {
      const again = buildNetwork();
      expect(JSON.stringify(staticPart(again))).toEqual(JSON.stringify(staticPart(network)));
      expect(take(again.programs(), 100)).toEqual(programs.slice(0, 100));
      expect(take(again.enrollments(), 100)).toEqual(take(network.enrollments(), 100));
    });

    it('changes only programs and enrollments when the program count changes', () => {
      const smaller = buildNetwork({ programs: 100 });
      expect(JSON.stringify(staticPart(smaller).learningCenters)).toEqual(JSON.stringify(network.learningCenters));
      expect(JSON.stringify({ ...staticPart(smaller), options: null })).toEqual(
        JSON.stringify({ ...staticPart(network), options: null }),
      );
      expect([...smaller.programs()]).toEqual(programs.slice(0, 100));
    });

    it('streams the requested number of programs, in id order', () => {
      expect(programs).toHaveLength(network.options.programs);
      expect(programs.map((program) => program.id)).toEqual([...programs.map((program) => program.id)].sort());
    });

    it('puts a learning center in every dong, each with an existing venue', () => {
      expect(network.learningCenters.map((center) => center.dongCode)).toEqual(network.dongs.map((dong) => dong.code));
      const venues = venueIds(network);
      for (const center of network.learningCenters) {
        expect(center.venue).not.toBeNull();
        expect(venues.has(refKey(center.venue as EntityRef<string>))).toBe(true);
      }
    });

    it('gives every program an existing center, host, venue and field, and sessions in its dates', () => {
      const centers = new Set(network.learningCenters.map((center) => center.id));
      const institutions = institutionIds(network);
      const venues = venueIds(network);
      const fields = new Set(network.fields.map((field) => field.code));
      const broken = programs.filter(
        (program) =>
          !centers.has(program.centerId) ||
          !institutions.has(refKey(program.host)) ||
          (program.venue !== null && !venues.has(refKey(program.venue))) ||
          !fields.has(program.fieldCode) ||
          program.sessions.length === 0 ||
          program.createdAt.slice(0, 10) >= program.startsOn ||
          program.sessions[0].startsAt.slice(0, 10) !== program.startsOn ||
          program.sessions[program.sessions.length - 1].endsAt.slice(0, 10) > program.endsOn,
      );
      expect(broken.map((program) => program.id)).toEqual([]);
    });

    it('partners each center with institutions of its district, once per pair', () => {
      const institutions = institutionIds(network);
      const districtsOf = new Map<string, string[]>([
        ...[...network.schools, ...network.libraries, ...network.culturalCenters].map(
          (row) => [row.id, [row.districtCode]] as [string, string[]],
        ),
        ...network.civilProviders.map((row) => [row.id, row.districtCodes] as [string, string[]]),
      ]);
      const districtOfCenter = new Map(network.learningCenters.map((center) => [center.id, center.districtCode]));
      const broken = network.partnerships.filter(
        (partnership) =>
          !institutions.has(refKey(partnership.partner)) ||
          !districtsOf.get(partnership.partner.id)?.includes(districtOfCenter.get(partnership.centerId) ?? ''),
      );
      expect(broken.map((partnership) => partnership.id)).toEqual([]);
      const pairs = network.partnerships.map((partnership) => `${partnership.centerId}|${partnership.partner.id}`);
      expect(duplicates(pairs)).toEqual([]);
    });

    it('has at least two experts per district, together covering all five duties', () => {
      for (const district of network.districts) {
        const experts = network.experts.filter((expert) => expert.districtCode === district.code);
        expect(experts.length).toBeGreaterThanOrEqual(2);
        expect(new Set(experts.flatMap((expert) => expert.duties)).size).toBe(5);
      }
    });

    it('keeps waitlists behind full programs', () => {
      const capacity = new Map(programs.map((program) => [program.id, program.capacity]));
      const confirmed = new Map<string, number>();
      const earlyWaitlist: string[] = [];
      for (const enrollment of network.enrollments()) {
        const { programId } = enrollment;
        if (enrollment.status === 'CONFIRMED') confirmed.set(programId, (confirmed.get(programId) ?? 0) + 1);
        if (enrollment.status === 'WAITLISTED' && confirmed.get(programId) !== capacity.get(programId)) {
          earlyWaitlist.push(enrollment.id);
        }
      }
      expect(earlyWaitlist).toEqual([]);
      expect([...confirmed].filter(([programId, count]) => count > (capacity.get(programId) ?? 0))).toEqual([]);
    });
  });

  it('builds the real registries alone in real-only mode: no generated center, person, program or room', () => {
    const real = buildNetwork({ mode: 'real-only' });
    expect(real.districts).toEqual(network.districts);
    expect(real.dongs).toEqual(network.dongs);
    expect(real.schools).toEqual(network.schools);
    expect(real.libraries).toEqual(network.libraries);
    expect(real.culturalCenters).toEqual(network.culturalCenters);
    expect(real.educationOffices).toEqual(network.educationOffices);
    const { schoolSpaces, librarySpaces, culturalSpaces, civilProviders, learningCenters, centerSpaces } = real;
    const { experts, citySupport, counselingSessions, communities, partnerships } = real;
    for (const rows of [schoolSpaces, librarySpaces, culturalSpaces, civilProviders, learningCenters, centerSpaces])
      expect(rows).toEqual([]);
    for (const rows of [experts, citySupport, counselingSessions, communities, partnerships]) expect(rows).toEqual([]);
    expect([...real.programs()]).toEqual([]);
    expect([...real.enrollments()]).toEqual([]);
  });

  it('uses unique ids', () => {
    const collections: Record<string, readonly { id: string }[]> = {
      schools: network.schools,
      libraries: network.libraries,
      culturalCenters: network.culturalCenters,
      civilProviders: network.civilProviders,
      learningCenters: network.learningCenters,
      spaces: [...network.schoolSpaces, ...network.librarySpaces, ...network.culturalSpaces, ...network.centerSpaces],
      experts: network.experts,
      citySupport: network.citySupport,
      counselingSessions: network.counselingSessions,
      communities: network.communities,
      partnerships: network.partnerships,
      programs,
      enrollments: [...network.enrollments()],
    };
    const duplicated = Object.entries(collections).filter(
      ([, rows]) => duplicates(rows.map((row) => row.id)).length > 0,
    );
    expect(duplicated.map(([name]) => name)).toEqual([]);
    expect(duplicates(network.dongs.map((dong) => dong.code))).toEqual([]);
  });
});

const refKey = (ref: EntityRef<string>): string => `${ref.typename}:${ref.id}`;

function institutionIds(network: Network): Set<string> {
  return new Set([
    ...network.learningCenters.map((row) => `LearningCenter:${row.id}`),
    ...network.schools.map((row) => `School:${row.id}`),
    ...network.libraries.map((row) => `Library:${row.id}`),
    ...network.culturalCenters.map((row) => `CulturalCenter:${row.id}`),
    ...network.civilProviders.map((row) => `CivilProvider:${row.id}`),
  ]);
}

function venueIds(network: Network): Set<string> {
  return new Set([
    ...network.schoolSpaces.map((row) => `SchoolSpace:${row.id}`),
    ...network.librarySpaces.map((row) => `LibrarySpace:${row.id}`),
    ...network.culturalSpaces.map((row) => `CulturalSpace:${row.id}`),
    ...network.centerSpaces.map((row) => `CenterSpace:${row.id}`),
  ]);
}
