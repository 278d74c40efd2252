/**
 * Discovered learning resources through the gateway: an expert (or officer) records spaces, institutions and
 * residents' skills found in the district, without contact data; who reads them, who is refused, archiving.
 */
import { openSubgraphDatabase } from '../support/stack';
import type { Orm } from '../../lib/subgraph/orm';
import { DiscoveredResource } from '../../subgraphs/centers/network/discovered-resource.entity';
import { call, readAs, setUpCooperation, type Caller } from './cooperation-support';
import { AWAY, HOME, refused, succeeded, world } from './network-support';

setUpCooperation();

let orm: Orm;
beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
});
afterAll(async () => {
  await orm?.close(true);
});
const resourceRows = async () =>
  (await orm.em.fork().find(DiscoveredResource, { districtCode: HOME }, { orderBy: { id: 'asc' } })).map(
    ({ id, name, archivedAt }) => ({ id, name, archivedAt }),
  );

let homeDong = '';
let awayDong = '';
beforeAll(async () => {
  const data = await readAs(
    'anonymous',
    'query($h: ID!, $a: ID!) { home: district(code: $h) { dongs { code } } away: district(code: $a) { dongs { code } } }',
    { h: HOME, a: AWAY },
  );
  homeDong = data.home.dongs[0].code;
  awayDong = data.away.dongs[0].code;
});

const skill = (extra: Record<string, unknown> = {}) => ({
  districtCode: HOME,
  kind: 'PERSON_SKILL',
  name: '한지 공예',
  description: '한지 공예 30년 경력의 주민이 입문 강좌를 가르칠 수 있습니다.',
  ...extra,
});

async function listedFor(caller: Caller, includeArchived = false): Promise<string[] | null> {
  const data = await readAs(
    caller,
    'query($c: ID!, $all: Boolean!) { district(code: $c) { discoveredResources(first: 100, includeArchived: $all) { edges { node { id } } } } }',
    { c: HOME, all: includeArchived },
  );
  return data.district.discoveredResources?.edges.map((edge: { node: { id: string } }) => edge.node.id) ?? null;
}

describe('discovered learning resources', () => {
  it('an expert records a space in a dong, a person’s skill and an institution of the network', async () => {
    const library = world.byType.LIBRARY[0];
    const space = succeeded(
      await call(
        'recordDiscoveredResource',
        {
          districtCode: HOME,
          kind: 'SPACE',
          name: ' 교회 교육관 강당 ',
          description: '주중 저녁에 쓸 수 있는 80석 강당',
          note: '봄 학기부터',
          dongCode: homeDong,
        },
        'homeExpert',
      ),
    );
    expect(space).toEqual({
      id: expect.any(String),
      kind: 'SPACE',
      name: '교회 교육관 강당',
      description: '주중 저녁에 쓸 수 있는 80석 강당',
      note: '봄 학기부터',
      recordedAt: expect.stringMatching(/\+09:00$/),
      archivedAt: null,
      district: { code: HOME },
      dong: { code: homeDong },
      institution: null,
    });
    const person = succeeded(await call('recordDiscoveredResource', skill(), 'homeOfficer'));
    expect(person).toMatchObject({ kind: 'PERSON_SKILL', dong: null, institution: null });
    const institution = succeeded(
      await call(
        'recordDiscoveredResource',
        {
          districtCode: HOME,
          kind: 'INSTITUTION',
          name: '구립도서관',
          description: '독서 모임 공동 운영',
          institution: library,
        },
        'cityAdmin',
      ),
    );
    expect(institution.institution).toEqual({ __typename: 'Library', id: library.id });
    expect(await listedFor('homeExpert')).toEqual(expect.arrayContaining([space.id, person.id, institution.id]));
  });

  it('refuses contact and personal data, in the name, the description and the note', async () => {
    const before = await resourceRows();
    const cases: [Record<string, unknown>, string][] = [
      [{ description: '연락은 010-1234-5678 로' }, 'description'],
      [{ description: '전화 02-123-4567' }, 'description'],
      [{ note: 'hanji@example.com 으로 문의' }, 'note'],
      [{ name: '010 9876 5432' }, 'name'],
      [{ note: '주민번호 900101-1234567' }, 'note'],
    ];
    for (const [change, field] of cases) {
      refused(await call('recordDiscoveredResource', skill(change), 'homeExpert'), {
        code: 'INVALID_INPUT',
        field: ['input', field],
      });
    }
    expect(await resourceRows()).toEqual(before);
  });

  it('refuses bad input: blank or long texts, a skill tied to an institution, a dong of another district, unknown ids', async () => {
    const before = await resourceRows();
    refused(await call('recordDiscoveredResource', skill({ name: '  ' }), 'homeExpert'), {
      code: 'INVALID_INPUT',
      field: ['input', 'name'],
    });
    refused(await call('recordDiscoveredResource', skill({ description: '가'.repeat(2001) }), 'homeExpert'), {
      code: 'INVALID_INPUT',
      field: ['input', 'description'],
    });
    refused(await call('recordDiscoveredResource', skill({ institution: world.byType.LIBRARY[0] }), 'homeExpert'), {
      code: 'INVALID_INPUT',
      field: ['input', 'institution'],
    });
    refused(await call('recordDiscoveredResource', skill({ dongCode: awayDong }), 'homeExpert'), {
      code: 'INVALID_INPUT',
      field: ['input', 'dongCode'],
    });
    refused(
      await call(
        'recordDiscoveredResource',
        skill({ kind: 'INSTITUTION', institution: { type: 'LIBRARY', id: 'LIB-NO-SUCH' } }),
        'homeExpert',
      ),
      { code: 'NOT_FOUND', field: ['input', 'institution'] },
    );
    refused(await call('recordDiscoveredResource', skill({ districtCode: '99999' }), 'homeExpert'), {
      code: 'NOT_FOUND',
      field: ['input', 'districtCode'],
    });
    expect(await resourceRows()).toEqual(before);
  });

  it('only the district’s experts and officers, and the city, record; everyone else is refused', async () => {
    const expected: [Caller, string][] = [
      ['awayExpert', 'FORBIDDEN'],
      ['awayOfficer', 'FORBIDDEN'],
      ['homeOffice', 'FORBIDDEN'],
      ['analyst', 'FORBIDDEN'],
      ['resident', 'FORBIDDEN'],
      ['institution', 'FORBIDDEN'],
      ['anonymous', 'UNAUTHENTICATED'],
    ];
    for (const [caller, code] of expected) {
      const before = await resourceRows();
      const payload = await call('recordDiscoveredResource', skill(), caller);
      expect({ caller, codes: payload.userErrors.map((e) => e.code) }).toEqual({ caller, codes: [code] });
      expect(await resourceRows()).toEqual(before);
    }
  });

  it('is read by the district’s experts and officers, the city and analysts; not public, not by another district', async () => {
    const recorded = succeeded(await call('recordDiscoveredResource', skill({ name: '목공' }), 'homeExpert'));
    for (const caller of ['homeExpert', 'homeOfficer', 'cityAdmin', 'analyst'] as Caller[]) {
      expect({ caller, seen: (await listedFor(caller))?.includes(recorded.id) }).toEqual({ caller, seen: true });
    }
    for (const caller of [
      'anonymous',
      'resident',
      'awayExpert',
      'awayOfficer',
      'homeOffice',
      'institution',
    ] as Caller[]) {
      expect({ caller, list: await listedFor(caller) }).toEqual({ caller, list: null });
    }
  });

  it('archives a resource: gone from the current list, kept on record; another district may not', async () => {
    const recorded = succeeded(await call('recordDiscoveredResource', skill({ name: '우쿨렐레 연주' }), 'homeExpert'));
    refused(await call('archiveDiscoveredResource', { id: recorded.id }, 'awayExpert'), {
      code: 'FORBIDDEN',
      field: ['input', 'id'],
    });
    refused(await call('archiveDiscoveredResource', { id: recorded.id }, 'resident'), { code: 'FORBIDDEN' });
    expect(await listedFor('homeOfficer')).toContain(recorded.id);
    const archived = succeeded(await call('archiveDiscoveredResource', { id: recorded.id }, 'homeOfficer'));
    expect(archived.archivedAt).toMatch(/\+09:00$/);
    expect(await listedFor('homeOfficer')).not.toContain(recorded.id);
    expect(await listedFor('homeOfficer', true)).toContain(recorded.id);
    // Archiving again changes nothing.
    expect(succeeded(await call('archiveDiscoveredResource', { id: recorded.id }, 'homeExpert'))).toEqual(archived);
  });
});
