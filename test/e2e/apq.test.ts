/**
 * Automatic persisted queries through the gateway (Apollo Server's APQ, on by
 * default): a client sends the hash alone, is told the gateway does not know
 * it, sends hash and query once, and from then on the hash alone is enough.
 */
import { createHash, randomUUID } from 'node:crypto';
import { testStack } from '../support/stack';

async function send(body: Record<string, unknown>): Promise<{ status: number; json: any }> {
  const response = await fetch(testStack().gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('automatic persisted queries', () => {
  // A query text no earlier run registered (the alias makes it unique), so the first ask is a miss.
  const query = `{ apq_${randomUUID().replace(/-/g, '')}: district(code: "11680") { code nameEn } }`;
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const persistedQuery = { version: 1, sha256Hash };

  it('asks for the query text of a hash it does not know', async () => {
    const { json } = await send({ extensions: { persistedQuery } });
    expect(json.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(json.data).toBeUndefined();
  });

  it('registers a query sent with its hash and then answers the hash alone', async () => {
    const registered = await send({ query, extensions: { persistedQuery } });
    expect(registered.json.errors).toBeUndefined();
    const byHash = await send({ extensions: { persistedQuery } });
    expect(byHash.json.errors).toBeUndefined();
    expect(byHash.json.data).toEqual(registered.json.data);
    expect(Object.values(byHash.json.data as Record<string, { code: string }>)[0].code).toBe('11680');
  });

  it('refuses a query whose text does not match the hash', async () => {
    const { json } = await send({ query: '{ districts { code } }', extensions: { persistedQuery } });
    expect(json.errors?.[0]?.message).toMatch(/sha does not match/i);
  });
});
