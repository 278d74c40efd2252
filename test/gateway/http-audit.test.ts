import { auditServer } from 'graphql-http';
import { testStack } from '../support/stack';

describe('GraphQL over HTTP', () => {
  it('passes every audit of the graphql-http suite at the gateway', async () => {
    const results = await auditServer({ url: testStack().gatewayUrl });
    const failed = results.filter((result) => result.status !== 'ok').map((result) => `${result.status} ${result.id}: ${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(results.length).toBeGreaterThan(50);
    expect(failed).toEqual([]);
  });
});
