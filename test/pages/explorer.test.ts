/**
 * The GraphQL explorer on the gateway's /graphql: GraphiQL bundled with the
 * project, so it works with no network beyond the gateway.
 */
import { graphql, testStack } from '../support/stack';
import { describeInBrowser, gatewayOrigin, openBrowser, screenshot, type BrowserSession } from './browser';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('GET /graphql', () => {
  it('gives a browser the explorer page, which loads only files of this origin', async () => {
    const response = await fetch(testStack().gatewayUrl, { headers: { accept: BROWSER_ACCEPT } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual(
      expect.arrayContaining(['/assets/vendor/graphiql.min.js', '/assets/vendor/react.production.min.js']),
    );
    expect(sources.filter((source) => /^(https?:)?\/\//.test(source))).toEqual([]);
  });

  it('serves the bundled scripts and styles the explorer needs', async () => {
    for (const [path, type] of [
      ['/assets/vendor/react.production.min.js', /javascript/],
      ['/assets/vendor/react-dom.production.min.js', /javascript/],
      ['/assets/vendor/graphiql.min.js', /javascript/],
      ['/assets/vendor/graphiql.min.css', /css/],
      ['/assets/explorer.js', /javascript/],
    ] as const) {
      const response = await fetch(gatewayOrigin() + path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-type')).toMatch(type);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('still answers GraphQL to clients that ask for JSON', async () => {
    const url = `${testStack().gatewayUrl}?query=${encodeURIComponent('{ districts { code } }')}`;
    for (const accept of ['application/json', '*/*', 'application/graphql-response+json']) {
      const response = await fetch(url, { headers: { accept, 'apollo-require-preflight': 'true' } });
      const body = (await response.json()) as { data: { districts: { code: string }[] } };
      expect(body.data.districts[0].code).toBe('11110');
    }
  });
});

describeInBrowser('the explorer in a browser', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs the example query when its run button is clicked and shows the answer', async () => {
    const expected = await graphql<{ districts: { nameEn: string }[] }>(
      testStack().gatewayUrl,
      '{ districts { nameEn } }',
    );
    const { page } = browser;
    await page.goto(`${gatewayOrigin()}/graphql`);
    await page.getByRole('button', { name: /execute query/i }).click();
    const result = page.locator('.result-window');
    await result.getByText(`"${expected.data!.districts[0].nameEn}"`).first().waitFor();
    await expect(result.innerText()).resolves.toContain('"districts"');
    await screenshot(page, 'explorer');

    // Fully offline: every request went to the gateway itself, and nothing failed.
    expect(browser.requests.filter((url) => !url.startsWith(gatewayOrigin()) && !/^(data|blob):/.test(url))).toEqual(
      [],
    );
    expect(browser.errors).toEqual([]);
  });
});
