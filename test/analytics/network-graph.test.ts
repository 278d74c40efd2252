import type { Orm } from '../../lib/subgraph/orm';
import { openSubgraphDatabase } from '../support/stack';
import { errorCodes, query, sql, truthy } from './analytics-support';

const GRAPH_FIELDS = `nodes { id typename institutionId degree distance } edges { id source target kind partnershipKind active programCount weight }`;
const NETWORK = `query ($d: ID, $kinds: [PartnershipKind!], $tracks: [ProgramTrack!], $edgeKinds: [NetworkEdgeKind!], $activeOnly: Boolean) {
  networkGraph(districtCode: $d, partnershipKinds: $kinds, tracks: $tracks, edgeKinds: $edgeKinds, activeOnly: $activeOnly) { ${GRAPH_FIELDS} } }`;
const LINKS = `query ($i: InstitutionRefInput!, $depth: Int, $kinds: [PartnershipKind!]) {
  institutionLinks(institution: $i, depth: $depth, partnershipKinds: $kinds) { ${GRAPH_FIELDS} } }`;
const TYPE_OF: Record<string, string> = {
  LearningCenter: 'LEARNING_CENTER',
  School: 'SCHOOL',
  Library: 'LIBRARY',
  CulturalCenter: 'CULTURAL_CENTER',
  CivilProvider: 'CIVIL_PROVIDER',
};
const GANGNAM = '11680';

let orm: Orm;
beforeAll(async () => (orm = await openSubgraphDatabase('centers')));
afterAll(() => orm?.close());

const node = (typename: string, id: string) => `${typename}:${id}`;

/** The partnership edges a district should have, from the partnership rows (agreed ones: a proposal is no link). */
async function partnershipFacts(districtCode: string, activeOnly: boolean, kinds?: string[]) {
  const rows = await sql(
    orm,
    "select id, center_id, partner_type, partner_id, kind, active from partnership where district_code = ? and status in ('ACTIVE', 'ENDED')",
    [districtCode],
  );
  return rows
    .filter((row) => (!activeOnly || truthy(row.active)) && (!kinds || kinds.includes(row.kind)))
    .map((row) => ({
      id: row.id,
      source: node('LearningCenter', row.center_id),
      target: node(row.partner_type, row.partner_id),
      kind: row.kind,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The co-hosted program edges, counted program by program from the program rows. */
async function coHostedFacts(districtCode: string, statuses: string[], tracks?: string[]) {
  const rows = await sql(
    orm,
    'select center_id, host_type, host_id, status, track from program where district_code = ?',
    [districtCode],
  );
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (!statuses.includes(row.status) || (tracks && !tracks.includes(row.track))) continue;
    if (row.host_type === 'LearningCenter' && row.host_id === row.center_id) continue;
    const key = `${node('LearningCenter', row.center_id)}>${node(row.host_type, row.host_id)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key}=${n}`).sort();
}

const partnershipEdges = (graph: any) =>
  graph.edges
    .filter((e: any) => e.kind === 'PARTNERSHIP')
    .map(({ id, source, target, partnershipKind }: any) => ({ id, source, target, kind: partnershipKind }))
    .sort((a: any, b: any) => (a.id < b.id ? -1 : 1));
const coHostedEdges = (graph: any) =>
  graph.edges
    .filter((e: any) => e.kind === 'CO_HOSTED_PROGRAM')
    .map((e: any) => `${e.source}>${e.target}=${e.programCount}`)
    .sort();

describe('networkGraph of a district', () => {
  it('has an edge for every active partnership and every center-host pair of published programs', async () => {
    const graph = (await query(NETWORK, { d: GANGNAM })).networkGraph;
    expect(partnershipEdges(graph)).toEqual(await partnershipFacts(GANGNAM, true));
    const coHosted = await coHostedFacts(GANGNAM, ['PUBLISHED']);
    expect(coHosted.length).toBeGreaterThan(0);
    expect(coHostedEdges(graph)).toEqual(coHosted);
  });

  it('lists each endpoint once as a node, with its degree', async () => {
    const graph = (await query(NETWORK, { d: GANGNAM })).networkGraph;
    const ends = graph.edges.flatMap((e: any) => [e.source, e.target]);
    expect(graph.nodes.map((n: any) => n.id).sort()).toEqual([...new Set(ends)].sort());
    for (const n of graph.nodes) {
      expect(n.degree).toBe(ends.filter((end: string) => end === n.id).length);
      expect(n.id).toBe(node(n.typename, n.institutionId));
      expect(n.distance).toBeNull();
    }
  });

  it('filters partnerships by kind, programs by track, and edges by kind', async () => {
    const byKind = (
      await query(NETWORK, { d: GANGNAM, kinds: ['CO_HOSTING', 'VENUE_SHARING'], edgeKinds: ['PARTNERSHIP'] })
    ).networkGraph;
    const facts = await partnershipFacts(GANGNAM, true, ['CO_HOSTING', 'VENUE_SHARING']);
    expect(facts.length).toBeGreaterThan(0);
    expect(partnershipEdges(byKind)).toEqual(facts);
    expect(coHostedEdges(byKind)).toEqual([]);

    const byTrack = (
      await query(NETWORK, { d: GANGNAM, tracks: ['VOCATIONAL_CAPACITY'], edgeKinds: ['CO_HOSTED_PROGRAM'] })
    ).networkGraph;
    const coHosted = await coHostedFacts(GANGNAM, ['PUBLISHED'], ['VOCATIONAL_CAPACITY']);
    expect(coHosted.length).toBeGreaterThan(0);
    expect(coHostedEdges(byTrack)).toEqual(coHosted);
    expect(partnershipEdges(byTrack)).toEqual([]);
  });

  it('adds ended partnerships and archived programs when activeOnly is false', async () => {
    const graph = (await query(NETWORK, { d: GANGNAM, activeOnly: false })).networkGraph;
    const facts = await partnershipFacts(GANGNAM, false);
    expect(facts.length).toBeGreaterThan((await partnershipFacts(GANGNAM, true)).length);
    expect(partnershipEdges(graph)).toEqual(facts);
    expect(graph.edges.some((e: any) => e.active === false)).toBe(true);
    expect(coHostedEdges(graph)).toEqual(await coHostedFacts(GANGNAM, ['PUBLISHED', 'ARCHIVED']));
  });

  it('refuses a district that does not exist', async () => {
    expect(await errorCodes(NETWORK, { d: '99999' })).toEqual(['BAD_USER_INPUT']);
  });
});

describe('networkGraph of the city', () => {
  it('has all partnerships of all districts, and node details from every owning subgraph', async () => {
    const { networkGraph: graph } = await query(`{ networkGraph(edgeKinds: [PARTNERSHIP]) {
      edges { id }
      nodes { typename institutionId institution { __typename
        ... on LearningCenter { id name } ... on School { id name } ... on Library { id name }
        ... on CulturalCenter { id name } ... on CivilProvider { id name } ... on EducationOffice { id: code name: nameKo } } } } }`);
    const [{ n }] = await sql(orm, 'select count(*) as n from partnership where active = ?', [true]);
    expect(graph.edges).toHaveLength(Number(n));
    expect([...new Set(graph.nodes.map((x: any) => x.typename))].sort()).toEqual([
      'CivilProvider',
      'CulturalCenter',
      'EducationOffice',
      'LearningCenter',
      'Library',
      'School',
    ]);
    for (const x of graph.nodes) {
      expect(x.institution).toMatchObject({ __typename: x.typename, id: x.institutionId });
      expect(x.institution.name.length).toBeGreaterThan(1);
    }
  });
});

describe('institutionLinks', () => {
  let center: string;
  beforeAll(async () => {
    // A center with at least one active partner whose partner has other centers too, so depth 2 reaches further.
    const [row] = await sql(
      orm,
      `select p.center_id from partnership p join partnership q on q.partner_type = p.partner_type and q.partner_id = p.partner_id
      and q.center_id <> p.center_id where p.active = ? and q.active = ? order by p.center_id limit 1`,
      [true, true],
    );
    center = row.center_id;
  });

  it('at depth 1 gives the direct partners and co-hosts of a center', async () => {
    const graph = (await query(LINKS, { i: { type: 'LEARNING_CENTER', id: center } })).institutionLinks;
    const partners = await sql(
      orm,
      'select partner_type, partner_id from partnership where center_id = ? and active = ?',
      [center, true],
    );
    const hosts = await sql(
      orm,
      `select distinct host_type, host_id from program where center_id = ? and status = 'PUBLISHED' and host_id <> center_id`,
      [center],
    );
    const expected = new Set([
      ...partners.map((p) => node(p.partner_type, p.partner_id)),
      ...hosts.map((h) => node(h.host_type, h.host_id)),
    ]);
    const self = node('LearningCenter', center);
    expect(graph.nodes.find((x: any) => x.id === self)).toMatchObject({ distance: 0 });
    expect(
      graph.nodes
        .filter((x: any) => x.distance === 1)
        .map((x: any) => x.id)
        .sort(),
    ).toEqual([...expected].sort());
    expect(graph.edges.every((e: any) => e.source === self || e.target === self)).toBe(true);
  });

  it('goes breadth first to the given depth and no further', async () => {
    const one = (await query(LINKS, { i: { type: 'LEARNING_CENTER', id: center }, depth: 1 })).institutionLinks;
    const two = (await query(LINKS, { i: { type: 'LEARNING_CENTER', id: center }, depth: 2 })).institutionLinks;
    const three = (await query(LINKS, { i: { type: 'LEARNING_CENTER', id: center }, depth: 3 })).institutionLinks;
    const at = (graph: any, d: number) =>
      graph.nodes
        .filter((x: any) => x.distance === d)
        .map((x: any) => x.id)
        .sort();
    expect(at(two, 1)).toEqual(at(one, 1));
    expect(at(two, 2).length).toBeGreaterThan(0);
    expect(at(three, 2)).toEqual(at(two, 2));
    expect(Math.max(...two.nodes.map((x: any) => x.distance))).toBe(2);
    expect(Math.max(...three.nodes.map((x: any) => x.distance))).toBeLessThanOrEqual(3);
    // Every edge has an end nearer than the depth: only nodes closer than the depth are expanded.
    const distance = new Map(two.nodes.map((x: any) => [x.id, x.distance]));
    expect(
      two.edges.every((e: any) => Math.min(distance.get(e.source) as number, distance.get(e.target) as number) < 2),
    ).toBe(true);
    // Edges of one hop are all there again at two.
    expect(one.edges.every((e: any) => two.edges.some((f: any) => f.id === e.id))).toBe(true);
  });

  it('starts from a partner institution as well, owned by another subgraph', async () => {
    const [partner] = await sql(
      orm,
      `select partner_type, partner_id from partnership where active = ? and partner_type = 'Library' order by id limit 1`,
      [true],
    );
    const centers = await sql(
      orm,
      `select distinct center_id from partnership where active = ? and partner_type = 'Library' and partner_id = ?`,
      [true, partner.partner_id],
    );
    const { institutionLinks: graph } = await query(
      `query ($i: InstitutionRefInput!) { institutionLinks(institution: $i, edgeKinds: [PARTNERSHIP]) {
      nodes { id distance institution { __typename ... on Library { name } ... on LearningCenter { name } } } } }`,
      { i: { type: TYPE_OF[partner.partner_type], id: partner.partner_id } },
    );
    expect(
      graph.nodes
        .filter((x: any) => x.distance === 1)
        .map((x: any) => x.id)
        .sort(),
    ).toEqual(centers.map((c) => node('LearningCenter', c.center_id)).sort());
    expect(graph.nodes.find((x: any) => x.distance === 0).institution.__typename).toBe('Library');
  });

  it('refuses a depth outside 1 to 3 and an unknown center', async () => {
    for (const depth of [0, 4, -1])
      expect(await errorCodes(LINKS, { i: { type: 'LEARNING_CENTER', id: center }, depth })).toEqual([
        'BAD_USER_INPUT',
      ]);
    expect(await errorCodes(LINKS, { i: { type: 'LEARNING_CENTER', id: 'NO-SUCH-CENTER' } })).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
