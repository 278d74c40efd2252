/**
 * Honest data, through the gateway: every record says where it comes from (a public registry, the demonstration
 * generator, or a user of the API), and the open-data feeds publish no generated record as real unless a demo asks
 * for it (FEED_INCLUDE_GENERATED: the test hub is such a demo; a second gateway here runs with the default).
 */
import type { RpdeItem } from '../../gateway/feeds';
import { loadConfig } from '../../lib/config';
import { DATASETS } from '../../lib/subgraph/provenance';
import { buildNetwork } from '../../seed/network';
import { startStackProcess, stackServiceEnv, type StackProcess } from '../support/processes';
import { graphql, readSeedCsv, testStack } from '../support/stack';
import { CENTER, createProgram, feedUrlOf, programMutation, walk } from './support';

const PROVENANCE = 'provenance { origin dataset source sourceDate licence }';
const SCHOOL = readSeedCsv('seoul_schools_2026.csv')[0];

async function read(query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const { data, errors } = await graphql(testStack().gatewayUrl, query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

const itemsOf = async (url: string): Promise<RpdeItem[]> => (await walk(url)).flatMap(({ page }) => page.items);

describe('provenance on every record', () => {
  it('names the registry dataset, its date and licence for a district and a school', async () => {
    const data = await read(
      `query ($school: ID!) { district(code: "11680") { ${PROVENANCE} } school(id: $school) { ${PROVENANCE} } }`,
      { school: SCHOOL.school_id },
    );
    expect(data.district.provenance).toEqual({
      origin: 'PUBLIC_REGISTRY',
      dataset: 'ADMDONG_2021',
      ...DATASETS.ADMDONG_2021,
    });
    expect(data.district.provenance.licence).toMatch(/^CC BY 4\.0/);
    // The school list's licence is not confirmed: no licence is claimed for it.
    expect(data.school.provenance).toEqual({
      origin: 'PUBLIC_REGISTRY',
      dataset: 'SCHOOLS_2026',
      source: expect.stringContaining('data.go.kr 15021148'),
      sourceDate: '2026-03-20',
      licence: null,
    });
  });

  it('says GENERATED for the seeded learning centers and programs, and nothing of a source', async () => {
    const network = buildNetwork(loadConfig(testStack().env).seed);
    const seeded = [...network.programs()].find((program) => program.status === 'PUBLISHED')!;
    const data = await read(
      `query ($center: ID!, $program: ID!) { learningCenter(id: $center) { ${PROVENANCE} } program(id: $program) { ${PROVENANCE} } }`,
      { center: CENTER, program: seeded.id },
    );
    const generated = { origin: 'GENERATED', dataset: null, source: null, sourceDate: null, licence: null };
    expect(data.learningCenter.provenance).toEqual(generated);
    expect(data.program.provenance).toEqual(generated);
  });

  it('says GENERATED for a seeded cooperation agreement and names the registry for every office of education', async () => {
    const data = await read(
      `{ district(code: "11680") { cooperationAgreement { provenance { origin } } } educationOffices { code provenance { origin dataset } } }`,
    );
    expect(data.district.cooperationAgreement.provenance).toEqual({ origin: 'GENERATED' });
    // The city's office (7010000) and the 11 support offices all come from the office list.
    expect(data.educationOffices).toHaveLength(12);
    for (const office of data.educationOffices)
      expect(office.provenance).toEqual({ origin: 'PUBLIC_REGISTRY', dataset: 'SEOUL_EDUCATION_OFFICES' });
  });

  it('says PUBLISHED for a program created through the API', async () => {
    const { id } = await createProgram({ title: `출처 시험 ${Date.now()}` });
    await programMutation('publishProgram', { id });
    const data = await read(`query ($id: ID!) { program(id: $id) { ${PROVENANCE} } }`, { id });
    expect(data.program.provenance).toEqual({
      origin: 'PUBLISHED',
      dataset: null,
      source: null,
      sourceDate: null,
      licence: null,
    });
  });
});

describe('the open-data feeds publish no generated record as real', () => {
  let realGateway: StackProcess;
  beforeAll(async () => {
    realGateway = await startStackProcess(
      'gateway',
      await stackServiceEnv('gateway', { FEED_INCLUDE_GENERATED: 'false' }),
    );
  }, 120_000);
  afterAll(() => realGateway?.stop());

  const realFeedUrl = (path: string, query = '') => new URL(`${path}${query}`, realGateway.url).toString();

  it('by default lists the programs users published, with their provenance, and none of the generated ones', async () => {
    const { id } = await createProgram({ title: `실제 공개 ${Date.now()}` });
    await programMutation('publishProgram', { id });
    const real = await itemsOf(realFeedUrl('/feeds/programs', '?limit=500'));
    expect(real.map((item) => item.id)).toContain(id);
    const updated = real.filter((item) => item.state === 'updated');
    expect(updated.length).toBeGreaterThan(0);
    expect(updated.every((item) => item.provenance?.origin === 'PUBLISHED')).toBe(true);

    // The same hub's demo feed lists the generated ones too, each saying so. A page size of its own: the hub's
    // gateway caches feed pages, and gateways other tests start over the same subgraphs share no cache with it, so
    // a page cached here could stand in for feed.test.ts's walk after such a gateway has published.
    const demo = await itemsOf(feedUrlOf('/feeds/programs', '?limit=250'));
    const generated = demo.filter((item) => item.provenance?.origin === 'GENERATED');
    expect(generated.length).toBeGreaterThan(0);
    const listed = new Set(real.map((item) => item.id));
    expect(generated.filter((item) => listed.has(item.id))).toEqual([]);
  });

  it('by default still lists the notices users published', async () => {
    const items = await itemsOf(realFeedUrl('/feeds/notices', '?limit=500'));
    expect(items.filter((item) => item.state === 'updated').every((i) => i.provenance?.origin === 'PUBLISHED')).toBe(
      true,
    );
  });
});
