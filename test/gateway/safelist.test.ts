import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningGateway } from '../../gateway/gateway';
import { loadSafelist, sha256 } from '../../gateway/hardening/safelist';
import { ConfigError } from '../../lib/config';
import { postRaw, startTestGateway } from '../support/gateway';
import { graphql } from '../support/stack';

const DISTRICTS = 'query Districts { districts { code } }';
const DISTRICT = 'query District($code: ID!) { district(code: $code) { code nameEn } }';
const OTHER = 'query Other { districts { code nameKo } }';

const dir = mkdtempSync(join(tmpdir(), 'baeumteo-safelist-'));
function manifest(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const persisted = (query: string, variables?: Record<string, unknown>) =>
  JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });

describe('safelist mode', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    const file = manifest('operations.json', { [sha256(DISTRICTS)]: DISTRICTS, [sha256(DISTRICT)]: DISTRICT });
    gateway = await startTestGateway({ PERSISTED_OPERATIONS_FILE: file, RESPONSE_CACHE_TTL_SECONDS: '0' });
  });
  afterAll(() => gateway?.stop());

  it('runs a registered operation sent by its hash', async () => {
    const { status, body } = await postRaw(gateway.url, persisted(DISTRICT, { code: '11680' }));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { district: { code: '11680', nameEn: 'Gangnam-gu' } } });
  });

  it('runs a registered operation sent by its hash over GET', async () => {
    const params = new URLSearchParams({
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(DISTRICTS) } }),
    });
    const response = await fetch(`${gateway.url}?${params}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { districts: unknown[] } }).data.districts).toHaveLength(25);
  });

  it('runs a registered operation sent as its full text', async () => {
    const { status, data } = await graphql(gateway.url, DISTRICTS);
    expect(status).toBe(200);
    expect(data!.districts).toHaveLength(25);
  });

  it('refuses any other operation text with 403 PERSISTED_QUERY_NOT_IN_SAFELIST', async () => {
    for (const query of [OTHER, `${DISTRICTS} `, '{ __schema { types { name } } }']) {
      const { status, data, errors } = await graphql(gateway.url, query);
      expect(status).toBe(403);
      expect(data).toBeUndefined();
      expect(errors![0].extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_SAFELIST');
    }
  });

  it('refuses an unknown hash, over POST and GET', async () => {
    expect((await postRaw(gateway.url, persisted(OTHER))).status).toBe(403);
    const params = new URLSearchParams({
      extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(OTHER) } }),
    });
    expect((await fetch(`${gateway.url}?${params}`)).status).toBe(403);
  });

  it('refuses a batch holding one unregistered operation', async () => {
    const { status } = await postRaw(gateway.url, JSON.stringify([{ query: DISTRICTS }, { query: OTHER }]));
    expect(status).toBe(403);
  });
});

describe('the safelist manifest', () => {
  it("reads Apollo's persisted query list format", () => {
    const file = manifest('apollo.json', {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: sha256(DISTRICTS), name: 'Districts', type: 'query', body: DISTRICTS }],
    });
    expect([...loadSafelist(file)]).toEqual([[sha256(DISTRICTS), DISTRICTS]]);
  });

  it('is refused when a hash is not that of its text', () => {
    const file = manifest('wrong.json', { [sha256(DISTRICTS)]: OTHER });
    expect(() => loadSafelist(file)).toThrow(ConfigError);
  });
});
