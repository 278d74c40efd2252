import { auditServer } from 'graphql-http';
import { testStack } from '../support/stack';

describe('GraphQL over HTTP', () => {
  it('passes every audit of the graphql-http suite at the gateway', async () => {
    // GET requests need the CSRF preflight header (Apollo's csrfPrevention), as any browser client sends it.
    const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('apollo-require-preflight', 'true');
      return fetch(input, { ...init, headers });
    };
    const results = await auditServer({ url: testStack().gatewayUrl, fetchFn });
    const failed = results
      .filter((result) => result.status !== 'ok')
      .map((result) => `${result.status} ${result.id}: ${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(results.length).toBeGreaterThan(50);
    expect(failed).toEqual([]);
  });
});
