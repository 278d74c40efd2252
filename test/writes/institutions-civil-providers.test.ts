/**
 * The writes of the civil-providers subgraph, through the gateway: who may update a provider's profile and
 * certify it (every role), the districts it serves, and what bad input is answered with.
 */
import { USER_ERRORS } from '../support/mutations';
import { fresh } from '../support/names';
import { graphql, openSubgraphDatabase, testStack } from '../support/stack';
import {
  ACTORS,
  DISTRICT,
  expectRefused,
  fixtureOf,
  may,
  orms,
  outcomeOf,
  read,
  refusals,
  send,
  sql,
  type Fixture,
  type Row,
} from './institutions-support';

describe('writes of the civil-providers subgraph', () => {
  const PROVIDER_FIELDS = 'id name kind certifiedExcellent districts { code }';
  const PROFILE = `mutation($input: UpdateCivilProviderProfileInput!) {
    result: updateCivilProviderProfile(input: $input) { node: civilProvider { ${PROVIDER_FIELDS} } ${USER_ERRORS} } }`;
  const CERTIFY = `mutation($input: SetCivilProviderCertificationInput!) {
    result: setCivilProviderCertification(input: $input) { node: civilProvider { ${PROVIDER_FIELDS} } ${USER_ERRORS} } }`;
  const KINDS = ['NONPROFIT', 'COOPERATIVE', 'SOCIAL_ENTERPRISE', 'ACADEMY', 'UNIVERSITY_EXTENSION', 'COMMUNITY_GROUP'];

  let f: Fixture;
  let originals: { provider: Row; areas: Row[] }[];

  /** The provider row and the districts it serves, as stored. */
  async function stored(id = f.id): Promise<{ provider: Row; areas: Row[] }> {
    const [provider] = await sql(
      'civil-providers',
      'select id, name, kind, certified_excellent from civil_provider where id = ?',
      [id],
    );
    const areas = await sql(
      'civil-providers',
      'select provider_id, district_code from served_area where provider_id = ? order by district_code',
      [id],
    );
    return { provider: { ...provider, certified_excellent: Boolean(provider.certified_excellent) }, areas };
  }
  const districtCodes = (state: { areas: Row[] }) => state.areas.map((area) => area.district_code);

  beforeAll(async () => {
    orms.set('civil-providers', await openSubgraphDatabase('civil-providers'));
    f = await fixtureOf('CivilProvider', 'civilProviders');
    originals = [await stored(f.id), await stored(f.siblingId)];
  });

  afterAll(async () => {
    for (const { provider, areas } of originals) {
      await sql(
        'civil-providers',
        'update civil_provider set name = ?, kind = ?, certified_excellent = ? where id = ?',
        [provider.name, provider.kind, provider.certified_excellent, provider.id],
      );
      await sql('civil-providers', 'delete from served_area where provider_id = ?', [provider.id]);
      for (const area of areas) {
        await sql('civil-providers', 'insert into served_area (provider_id, district_code) values (?, ?)', [
          area.provider_id,
          area.district_code,
        ]);
      }
    }
    await orms.get('civil-providers')?.close(true);
  });

  describe("who may update a provider's profile", () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, ['CITY_ADMIN', 'ITSELF']);
      it(may(actor, outcome, 'change its name, kind and districts'), async () => {
        const before = await stored();
        const kind = KINDS.find((k) => k !== before.provider.kind)!;
        const codes = [DISTRICT, districtCodes(before).includes('11110') ? '11140' : '11110'];
        const name = fresh('테스트 배움협동조합');
        const result = await send(actor, f, PROFILE, { id: f.id, name, kind, districtCodes: codes });
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toMatchObject({
            id: f.id,
            name,
            kind,
            districts: [...codes].sort().map((code) => ({ code })),
          });
          const after = await stored();
          expect(after.provider).toEqual({ ...before.provider, name, kind });
          expect(districtCodes(after)).toEqual([...codes].sort());
        } else {
          expectRefused(result, outcome);
          expect(await stored()).toEqual(before);
        }
      });
    }
  });

  describe('who may certify a provider as excellent', () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, ['CITY_ADMIN']);
      it(may(actor, outcome, 'grant or withdraw the certification'), async () => {
        const before = await stored();
        const certifiedExcellent = !before.provider.certified_excellent;
        const result = await send(actor, f, CERTIFY, { id: f.id, certifiedExcellent });
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toMatchObject({ id: f.id, certifiedExcellent });
          expect(await stored()).toEqual({
            ...before,
            provider: { ...before.provider, certified_excellent: certifiedExcellent },
          });
        } else {
          expectRefused(result, outcome);
          expect(await stored()).toEqual(before);
        }
      });
    }
  });

  it('does not let a provider certify itself through its profile', async () => {
    const { errors } = await graphql(
      testStack().gatewayUrl,
      `mutation { updateCivilProviderProfile(input: { id: "${f.id}", certifiedExcellent: true }) { userErrors { code } } }`,
    );
    expect(errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('lists the provider under the districts it now serves and no longer under the others, through the gateway', async () => {
    const name = fresh('동네 배움 연구소');
    expect(
      (await send('ITSELF', f, PROFILE, { id: f.id, name, districtCodes: ['11110', DISTRICT] })).userErrors,
    ).toEqual([]);
    const { provider } = await read<{ provider: { districts: { code: string }[] } }>(
      'query($id: ID!) { provider: civilProvider(id: $id) { districts { code } } }',
      { id: f.id },
    );
    expect(provider.districts).toEqual([{ code: '11110' }, { code: DISTRICT }]);
    const servedIn = async (code: string) =>
      (
        await read<{ found: { edges: { node: { id: string } }[] } }>(
          'query($code: ID!, $name: String!) { found: civilProviders(filter: { districtCode: $code, nameContains: $name }) { edges { node { id } } } }',
          { code, name },
        )
      ).found.edges.map((e) => e.node.id);
    expect(await servedIn('11110')).toEqual([f.id]);
    expect(await servedIn(DISTRICT)).toEqual([f.id]);
    expect(await servedIn('11140')).toEqual([]);
  });

  it('answers malformed and repeated district codes with an error on each, and changes nothing', async () => {
    const before = await stored();
    const result = await send('ITSELF', f, PROFILE, {
      id: f.id,
      name: ' ',
      districtCodes: ['123', DISTRICT, DISTRICT],
    });
    expect(result.node).toBeNull();
    expect(refusals(result)).toEqual([
      ['INVALID_INPUT', ['input', 'name']],
      ['INVALID_INPUT', ['input', 'districtCodes', '0']],
      ['INVALID_INPUT', ['input', 'districtCodes', '2']],
    ]);
    expect(await stored()).toEqual(before);
  });

  it('answers an empty district list, or a cleared one, with an error on districtCodes', async () => {
    const before = await stored();
    for (const districtCodesInput of [[], null]) {
      const result = await send('ITSELF', f, PROFILE, { id: f.id, districtCodes: districtCodesInput });
      expect(refusals(result)).toEqual([['INVALID_INPUT', ['input', 'districtCodes']]]);
    }
    expect(refusals(await send('ITSELF', f, PROFILE, { id: f.id, name: null, kind: null }))).toEqual([
      ['INVALID_INPUT', ['input', 'name']],
      ['INVALID_INPUT', ['input', 'kind']],
    ]);
    expect(await stored()).toEqual(before);
  });

  it('answers a district the centers subgraph does not know with NOT_FOUND on that entry, and changes nothing', async () => {
    const before = await stored();
    const result = await send('ITSELF', f, PROFILE, {
      id: f.id,
      name: fresh('Renamed'),
      districtCodes: [DISTRICT, '11999'],
    });
    expect(refusals(result)).toEqual([['NOT_FOUND', ['input', 'districtCodes', '1']]]);
    expect(await stored()).toEqual(before);
  });

  it('answers an unknown provider with NOT_FOUND on input.id, for both mutations', async () => {
    expect(refusals(await send('CITY_ADMIN', f, PROFILE, { id: 'NO-SUCH-ID', name: 'x' }))).toEqual([
      ['NOT_FOUND', ['input', 'id']],
    ]);
    expect(refusals(await send('CITY_ADMIN', f, CERTIFY, { id: 'NO-SUCH-ID', certifiedExcellent: true }))).toEqual([
      ['NOT_FOUND', ['input', 'id']],
    ]);
  });
});
