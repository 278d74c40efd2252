/**
 * The writes of the civil-providers subgraph, through the gateway: who may register a provider, update its profile
 * and certify it (every role), the districts it serves (a district officer changes only their own), what bad input
 * is answered with, and a registered provider publishing programs as a partner of a center.
 */
import { Role } from '../../lib/auth';
import { mutate, USER_ERRORS } from '../support/mutations';
import { fresh } from '../support/names';
import { graphql, openSubgraphDatabase, SUB_AREA, testStack, tokenFor } from '../support/stack';
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

  describe('registering providers', () => {
    const REGISTER = `mutation($input: RegisterCivilProviderInput!) {
      result: registerCivilProvider(input: $input) { node: civilProvider { ${PROVIDER_FIELDS} } ${USER_ERRORS} } }`;
    const countNamed = async (name: string) =>
      (await sql('civil-providers', 'select id from civil_provider where name = ?', [name])).length;

    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, ['CITY_ADMIN', 'DISTRICT_OFFICER']);
      it(may(actor, outcome, 'register a provider serving its district'), async () => {
        const name = fresh('새 배움 협동조합');
        const result = await send(actor, f, REGISTER, {
          name: ` ${name} `,
          kind: 'COOPERATIVE',
          districtCodes: [DISTRICT],
        });
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toEqual({
            id: expect.stringMatching(/^CP-/),
            name,
            kind: 'COOPERATIVE',
            certifiedExcellent: false,
            districts: [{ code: DISTRICT }],
          });
          const served = await read<{ found: { edges: { node: { id: string } }[] } }>(
            'query($code: ID!, $name: String!) { found: civilProviders(filter: { districtCode: $code, nameContains: $name }) { edges { node { id } } } }',
            { code: DISTRICT, name },
          );
          expect(served.found.edges.map((edge) => edge.node.id)).toEqual([(result.node as Row).id]);
        } else {
          expectRefused(result, outcome);
          expect(await countNamed(name)).toBe(0);
        }
      });
    }

    it('lets a district officer register providers of their own district only; the city registers any', async () => {
      const name = fresh('이웃 구 배움터');
      const byOfficer = await send('DISTRICT_OFFICER', f, REGISTER, {
        name,
        kind: 'NONPROFIT',
        districtCodes: [DISTRICT, '11110'],
      });
      expect(refusals(byOfficer)).toEqual([['FORBIDDEN', ['input', 'districtCodes']]]);
      expect(await countNamed(name)).toBe(0);
      const byCity = await send('CITY_ADMIN', f, REGISTER, {
        name,
        kind: 'NONPROFIT',
        districtCodes: ['11110', DISTRICT],
      });
      expect(byCity.userErrors).toEqual([]);
      expect(byCity.node).toMatchObject({ districts: [{ code: '11110' }, { code: DISTRICT }] });
    });

    it('answers bad input field by field, and an unknown district with NOT_FOUND, registering nothing', async () => {
      const bad = await send('CITY_ADMIN', f, REGISTER, { name: ' ', kind: 'ACADEMY', districtCodes: ['123', '123'] });
      expect(refusals(bad)).toEqual([
        ['INVALID_INPUT', ['input', 'name']],
        ['INVALID_INPUT', ['input', 'districtCodes', '0']],
        ['INVALID_INPUT', ['input', 'districtCodes', '1']], // malformed
        ['INVALID_INPUT', ['input', 'districtCodes', '1']], // and a repeat
      ]);
      expect(
        refusals(await send('CITY_ADMIN', f, REGISTER, { name: 'x', kind: 'ACADEMY', districtCodes: [] })),
      ).toEqual([['INVALID_INPUT', ['input', 'districtCodes']]]);
      const name = fresh('없는 구 배움터');
      const unknown = await send('CITY_ADMIN', f, REGISTER, { name, kind: 'ACADEMY', districtCodes: ['11999'] });
      expect(refusals(unknown)).toEqual([['NOT_FOUND', ['input', 'districtCodes', '0']]]);
      expect(await countNamed(name)).toBe(0);
    });

    it('returns the first provider to a retry with the same idempotency key', async () => {
      const input = {
        name: fresh('재시도 배움터'),
        kind: 'ACADEMY',
        districtCodes: [DISTRICT],
        idempotencyKey: fresh('key'),
      };
      const first = await send('CITY_ADMIN', f, REGISTER, input);
      expect(first.userErrors).toEqual([]);
      expect(await send('CITY_ADMIN', f, REGISTER, input)).toEqual(first);
      expect(await countNamed(input.name)).toBe(1);
    });
  });

  describe("a district officer's edits", () => {
    it('renames a provider serving their district and adds or drops their own district, not the others', async () => {
      const before = await stored();
      expect(districtCodes(before)).toContain(DISTRICT);
      const name = fresh('구청 수정 배움터');
      const renamed = await send('DISTRICT_OFFICER', f, PROFILE, { id: f.id, name, kind: 'NONPROFIT' });
      expect(renamed.userErrors).toEqual([]);
      expect(await stored()).toEqual({ ...before, provider: { ...before.provider, name, kind: 'NONPROFIT' } });

      const others = districtCodes(before).filter((code) => code !== DISTRICT);
      const withoutOthers = await send('DISTRICT_OFFICER', f, PROFILE, { id: f.id, districtCodes: [DISTRICT] });
      if (others.length > 0) {
        expect(refusals(withoutOthers)).toEqual([['FORBIDDEN', ['input', 'districtCodes']]]);
      }
      const extra = ['11110', '11140'].find((code) => !others.includes(code))!;
      expect(
        refusals(await send('DISTRICT_OFFICER', f, PROFILE, { id: f.id, districtCodes: [...others, DISTRICT, extra] })),
      ).toEqual([['FORBIDDEN', ['input', 'districtCodes']]]);
      expect(districtCodes(await stored())).toEqual(districtCodes(before));
      if (others.length === 0) return; // dropping its only district would leave it serving none
      const dropped = await send('DISTRICT_OFFICER', f, PROFILE, { id: f.id, districtCodes: others });
      expect(dropped.userErrors).toEqual([]);
      expect(districtCodes(await stored())).toEqual([...others].sort());
      // No longer serving the officer's district, the provider is out of the officer's reach.
      expect(
        refusals(await send('DISTRICT_OFFICER', f, PROFILE, { id: f.id, districtCodes: [...others, DISTRICT] })),
      ).toEqual([['FORBIDDEN', ['input', 'id']]]);
      expect(
        (await send('CITY_ADMIN', f, PROFILE, { id: f.id, districtCodes: districtCodes(before) })).userErrors,
      ).toEqual([]);
    });
  });

  describe('a registered provider publishes programs as partners do', () => {
    const PROGRAM = 'program { id title status version host { __typename ... on CivilProvider { id } } }';
    const INPUT_TYPES: Record<string, string> = {
      createProgram: 'CreateProgramInput',
      updateProgram: 'UpdateProgramInput',
      publishProgram: 'ProgramIdInput',
      archiveProgram: 'ProgramIdInput',
    };
    const asProvider = (id: string) =>
      tokenFor({ sub: `test-provider-${id}`, role: Role.INSTITUTION, institution: `CivilProvider:${id}` });
    const programCall = async (mutation: string, input: Row, token: string | undefined) =>
      mutate({ mutation, inputType: INPUT_TYPES[mutation], input, selection: PROGRAM, token });

    it('creates, edits, publishes and archives its own programs at a partner center; another provider may not', async () => {
      const REGISTER = `mutation($input: RegisterCivilProviderInput!) {
        result: registerCivilProvider(input: $input) { node: civilProvider { id } ${USER_ERRORS} } }`;
      const registered = await send<{ id: string }>('DISTRICT_OFFICER', f, REGISTER, {
        name: fresh('프로그램 여는 협동조합'),
        kind: 'COOPERATIVE',
        districtCodes: [DISTRICT],
      });
      expect(registered.userErrors).toEqual([]);
      const providerId = registered.node!.id;
      const { centers } = await read<{ centers: { edges: { node: { id: string } }[] } }>(
        'query($code: ID!) { centers: learningCenters(filter: { districtCode: $code }, first: 1) { edges { node { id } } } }',
        { code: DISTRICT },
      );
      const centerId = centers.edges[0].node.id;
      const officer = await tokenFor({ sub: 'test-district-officer', role: Role.DISTRICT_OFFICER, district: DISTRICT });
      const partnership = await mutate({
        mutation: 'createPartnership',
        inputType: 'CreatePartnershipInput',
        input: {
          centerId,
          partner: { type: 'CIVIL_PROVIDER', id: providerId },
          kind: 'CO_HOSTING',
          since: '2026-03-01',
        },
        selection: 'partnership { id active }',
        token: officer,
      });
      expect(partnership.userErrors).toEqual([]);

      const token = await asProvider(providerId);
      const created = await programCall(
        'createProgram',
        {
          centerId,
          host: { type: 'CIVIL_PROVIDER', id: providerId },
          title: fresh('협동조합 목공 교실'),
          track: 'LIFE_CULTURE',
          fieldCode: SUB_AREA,
          startsOn: '2027-03-02',
          endsOn: '2027-04-27',
          capacity: 15,
          feeKrw: 0,
        },
        token,
      );
      expect(created.userErrors).toEqual([]);
      expect(created.program).toMatchObject({ status: 'DRAFT', host: { __typename: 'CivilProvider', id: providerId } });
      const program = created.program as Row & { id: string; version: number };

      const otherProvider = await asProvider(f.siblingId);
      const title = fresh('협동조합 목공 교실 (개정)');
      const foreign = await programCall(
        'updateProgram',
        { id: program.id, version: program.version, title },
        otherProvider,
      );
      expect(foreign.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']); // a draft it may not see
      const updated = await programCall('updateProgram', { id: program.id, version: program.version, title }, token);
      expect(updated.userErrors).toEqual([]);
      expect((await programCall('publishProgram', { id: program.id }, token)).program).toMatchObject({
        status: 'PUBLISHED',
        title,
      });
      expect(
        (await programCall('archiveProgram', { id: program.id }, otherProvider)).userErrors.map((e) => e.code),
      ).toEqual(['FORBIDDEN']);
      expect((await programCall('archiveProgram', { id: program.id }, token)).program).toMatchObject({
        status: 'ARCHIVED',
      });
    });
  });
});
