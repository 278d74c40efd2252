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
    it('has the 25 districts, 426 dongs, the office of education and its 11 support offices', () => {
      expect(network.districts).toHaveLength(25);
      expect(network.dongs).toHaveLength(426);
      expect(network.educationOffices).toHaveLength(12);
      expect(network.educationOffices.filter((office) => office.districtCodes.length === 0)).toEqual([
        expect.objectContaining({ code: '7010000', nameKo: '서울특별시교육청' }),
      ]);
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

    it('puts a dong center in every dong, each with an existing venue', () => {
      const dongCenters = network.learningCenters.filter((center) => center.kind === 'DONG_CENTER');
      expect(dongCenters.map((center) => center.dongCode)).toEqual(network.dongs.map((dong) => dong.code));
      const venues = venueIds(network);
      for (const center of network.learningCenters) {
        expect(center.venue).not.toBeNull();
        expect(venues.has(refKey(center.venue as EntityRef<string>))).toBe(true);
      }
    });

    it('opens the dong centers as the city planned: from 2019, district by district, all by the end of 2022', () => {
      const dongCenters = network.learningCenters.filter((center) => center.kind === 'DONG_CENTER');
      const openedOn = dongCenters.map((center) => center.openedOn).sort();
      expect(openedOn[0] >= '2019-01-01').toBe(true);
      expect(openedOn.at(-1)! <= '2022-12-31').toBe(true);
      // A ramp: each year opens centers, and more dongs wait for theirs in 2019 than in 2022.
      const byYear = (year: string) => openedOn.filter((day) => day.startsWith(year)).length;
      for (const year of ['2019', '2020', '2021', '2022']) expect(byYear(year)).toBeGreaterThan(0);
      expect(byYear('2019')).toBeLessThan(byYear('2022'));
    });

    it('adds a few near-workplace centers in office districts, opened after the dong centers began, each with contact details', () => {
      const nearWorkplace = network.learningCenters.filter((center) => center.kind === 'NEAR_WORKPLACE_CENTER');
      expect(nearWorkplace.length).toBeGreaterThanOrEqual(5);
      expect(nearWorkplace.length).toBeLessThan(network.dongs.length / 20);
      const dongs = new Set(network.dongs.map((dong) => dong.code));
      for (const center of nearWorkplace) {
        expect(dongs.has(center.dongCode)).toBe(true);
        expect(center.openedOn >= '2021-01-01').toBe(true);
      }
      expect(new Set(network.learningCenters.map((center) => center.id)).size).toBe(network.learningCenters.length);
      for (const center of network.learningCenters) {
        expect(center.phone).toMatch(/^02-\d{4}-\d{4}$/);
        expect(center.address).toMatch(/^서울/);
        expect(center.openingHours).toBeTruthy();
        expect(center.accessibilityNotes).toBeTruthy();
      }
    });

    it('gives the same centers, opening dates and details for the same seed, and others for another seed', () => {
      const again = buildNetwork({ programs: 0 }).learningCenters;
      expect(again).toEqual(network.learningCenters);
      const other = buildNetwork({ seed: 7, programs: 0 }).learningCenters;
      expect(other.map((center) => center.id)).toEqual(network.learningCenters.map((center) => center.id));
      expect(other.map((center) => center.openedOn)).not.toEqual(network.learningCenters.map((c) => c.openedOn));
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
      const withInstitutions = network.partnerships.filter(({ partner }) => partner.typename !== 'EducationOffice');
      const broken = withInstitutions.filter(
        (partnership) =>
          !institutions.has(refKey(partnership.partner)) ||
          !districtsOf.get(partnership.partner.id)?.includes(districtOfCenter.get(partnership.centerId) ?? ''),
      );
      expect(broken.map((partnership) => partnership.id)).toEqual([]);
      // An office partner is the center's district office or the city's office.
      const officeOf = new Map(network.districts.map((district) => [district.code, district.educationOfficeCode]));
      const withOffices = network.partnerships.filter(({ partner }) => partner.typename === 'EducationOffice');
      expect(withOffices.length).toBeGreaterThan(0);
      for (const { centerId, partner } of withOffices) {
        expect(['7010000', officeOf.get(districtOfCenter.get(centerId)!)]).toContain(partner.id);
      }
      const pairs = network.partnerships.map((partnership) => `${partnership.centerId}|${partnership.partner.id}`);
      expect(duplicates(pairs)).toEqual([]);
    });

    it('has proposals awaiting a decision and declined ones, each proposed by an expert of its district', () => {
      const statuses = new Set(network.partnerships.map((partnership) => partnership.status));
      expect([...statuses].sort()).toEqual(['ACTIVE', 'DECLINED', 'ENDED', 'PROPOSED']);
      const districtOfCenter = new Map(network.learningCenters.map((center) => [center.id, center.districtCode]));
      const districtOfExpert = new Map(network.experts.map((expert) => [expert.id, expert.districtCode]));
      for (const row of network.partnerships.filter((partnership) => partnership.proposal)) {
        expect(districtOfExpert.get(row.proposal!.expertId)).toBe(districtOfCenter.get(row.centerId));
        expect(row.active).toBe(false);
        expect(Boolean(row.decision)).toBe(row.status === 'DECLINED');
      }
      for (const row of network.partnerships) expect(row.active).toBe(row.status === 'ACTIVE');
    });

    it('has discovered resources in every district, each in a dong of its district', () => {
      const districtOfDong = new Map(network.dongs.map((dong) => [dong.code, dong.districtCode]));
      expect(new Set(network.discoveredResources.map((row) => row.districtCode)).size).toBe(25);
      expect(new Set(network.discoveredResources.map((row) => row.kind)).size).toBe(3);
      for (const row of network.discoveredResources.filter((resource) => resource.dongCode)) {
        expect(districtOfDong.get(row.dongCode!)).toBe(row.districtCode);
      }
    });

    it('has at least two experts per district, together covering all five duties', () => {
      for (const district of network.districts) {
        const experts = network.experts.filter((expert) => expert.districtCode === district.code);
        expect(experts.length).toBeGreaterThanOrEqual(2);
        expect(new Set(experts.flatMap((expert) => expert.duties)).size).toBe(5);
      }
    });

    it('has every district in the cooperation model since before 2019 ended, and requests of every state', () => {
      expect(network.cooperationAgreements.map((row) => row.districtCode).sort()).toEqual(
        network.districts.map((district) => district.code).sort(),
      );
      for (const agreement of network.cooperationAgreements) {
        expect(agreement.status).toBe('ACTIVE');
        expect(agreement.since >= '2018-09-01' && agreement.since <= '2019-12-31').toBe(true);
      }
      const requests = network.supportRequests;
      expect(new Set(requests.map((row) => row.status))).toEqual(
        new Set(['REQUESTED', 'GRANTED', 'DECLINED', 'WITHDRAWN']),
      );
      for (const request of requests) {
        expect(request.decidedAt === null).toBe(request.status === 'REQUESTED');
        if (request.decidedAt) expect(request.decidedAt > request.requestedAt).toBe(true);
        const support = network.citySupport.find((row) => row.id === request.citySupportId);
        if (request.status !== 'GRANTED') expect(support).toBeUndefined();
        else
          expect(support).toMatchObject({ districtCode: request.districtCode, kind: request.kind, year: request.year });
      }
    });

    it('certifies some published civil programs, for the year they were made', () => {
      const certified = programs.filter((program) => program.certifiedYear !== null);
      expect(certified.length).toBeGreaterThan(0);
      for (const program of certified) {
        expect(program.host.typename).toBe('CivilProvider');
        expect(program.status).not.toBe('DRAFT');
        expect(program.certifiedYear).toBe(Number(program.createdAt.slice(0, 4)));
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
      supportRequests: network.supportRequests,
      counselingSessions: network.counselingSessions,
      communities: network.communities,
      partnerships: network.partnerships,
      discoveredResources: network.discoveredResources,
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
