/** What the open-data tests share: reading the RPDE feeds, and programs they write through the gateway as the city admin. */
import type { RpdeItem, RpdePage } from '../../gateway/feeds';
import { Role } from '../../lib/auth';
import { graphql, testStack, tokenFor } from '../support/stack';

/** A learning center of the seeded network (역삼1동, Gangnam-gu), hosting its own test programs. */
export const CENTER = 'LC1168064000';

export const cityAdminToken = () => tokenFor({ sub: 'test-open-data', role: Role.CITY_ADMIN });

type ProgramMutation = 'createProgram' | 'publishProgram' | 'archiveProgram';

export async function programMutation(
  mutation: ProgramMutation,
  input: Record<string, unknown>,
): Promise<{ id: string; status: string }> {
  const inputType = mutation === 'createProgram' ? 'CreateProgramInput' : 'ProgramIdInput';
  const { data, errors } = await graphql(
    testStack().gatewayUrl,
    `mutation($input: ${inputType}!) { ${mutation}(input: $input) { program { id status } userErrors { code message } } }`,
    { input },
    {},
    { token: await cityAdminToken() },
  );
  expect(errors).toBeUndefined();
  expect(data![mutation].userErrors).toEqual([]);
  return data![mutation].program;
}

/** A new DRAFT program of CENTER hosted by the center itself. */
export function createProgram(overrides: Record<string, unknown> = {}): Promise<{ id: string; status: string }> {
  return programMutation('createProgram', {
    centerId: CENTER,
    host: { type: 'LEARNING_CENTER', id: CENTER },
    title: `Open data test ${Date.now()}`,
    track: 'LIFE_CULTURE',
    fieldCode: '5-3',
    startsOn: '2027-09-01',
    endsOn: '2027-09-15',
    capacity: 12,
    feeKrw: 15000,
    sessions: [
      { startsAt: '2027-09-01T19:00:00+09:00', endsAt: '2027-09-01T21:00:00+09:00' },
      { startsAt: '2027-09-08T19:00:00+09:00', endsAt: '2027-09-08T21:00:00+09:00' },
    ],
    ...overrides,
  });
}

/** The URL of a feed of the test gateway (`path` e.g. /feeds/programs) with a query string. */
export const feedUrlOf = (path: string, query = '') => new URL(`${path}${query}`, testStack().gatewayUrl).toString();

export async function getPage(url: string): Promise<{ status: number; headers: Headers; page: RpdePage }> {
  const response = await fetch(url);
  return { status: response.status, headers: response.headers, page: (await response.json()) as RpdePage };
}

/** Follows `next` from `url` until a page comes back empty; every page as read. */
export async function walk(url: string): Promise<{ url: string; page: RpdePage }[]> {
  const pages: { url: string; page: RpdePage }[] = [];
  for (let next = url; pages.length < 1000;) {
    const { status, page } = await getPage(next);
    expect(status).toBe(200);
    pages.push({ url: next, page });
    if (page.items.length === 0) return pages;
    next = page.next;
  }
  throw new Error('the feed never ended');
}

/** Whether `a` comes before `b` in the feeds' (modified, id) order. */
export const before = (a: RpdeItem, b: RpdeItem) =>
  a.modified < b.modified || (a.modified === b.modified && a.id < b.id);
