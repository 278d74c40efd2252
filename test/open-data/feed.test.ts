import type { RpdeItem, RpdePage } from '../../gateway/feeds';
import type { Orm } from '../../lib/subgraph/orm';
import { Program, ProgramStatus } from '../../subgraphs/centers/programs/program.entity';
import { graphql, openSubgraphDatabase, testStack } from '../support/stack';
import { before, CENTER, createProgram, feedUrlOf, getPage, programMutation, walk } from './support';

const feedUrl = (query = '') => feedUrlOf('/feeds/programs', query);

let orm: Orm;
beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
});
afterAll(() => orm.close());

describe('/feeds/programs, the RPDE feed of published programs', () => {
  let pages: { url: string; page: RpdePage }[];
  let items: RpdeItem[];
  beforeAll(async () => {
    pages = await walk(feedUrl('?limit=500'));
    items = pages.flatMap(({ page }) => page.items);
  });

  it('lists every published program and every archived one that was published once, in (modified, id) order, and no drafts', async () => {
    expect(pages.length).toBeGreaterThan(2);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    expect(items.every((item, i) => i === 0 || before(items[i - 1], item))).toBe(true);
    const em = orm.em.fork();
    const [published, archived] = await Promise.all([
      em.count(Program, { status: ProgramStatus.PUBLISHED }),
      em.count(Program, { status: ProgramStatus.ARCHIVED, publishedAt: { $ne: null } }),
    ]);
    expect(items.filter((item) => item.state === 'updated')).toHaveLength(published);
    expect(items.filter((item) => item.state === 'deleted')).toHaveLength(archived);
    const drafts = await em.find(Program, { status: ProgramStatus.DRAFT }, { fields: ['id'], limit: 50 });
    const listed = new Set(items.map((item) => item.id));
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.filter((draft) => listed.has(draft.id))).toEqual([]);
  });

  it('chains pages with next: after the last item of each page; the empty last page points to itself', () => {
    for (const { url, page } of pages.slice(0, -1)) {
      const last = page.items.at(-1)!;
      const next = new URL(page.next);
      expect(next.pathname).toBe('/feeds/programs');
      expect(Object.fromEntries(next.searchParams)).toEqual({
        afterTimestamp: String(last.modified),
        afterId: last.id,
        limit: '500',
      });
      expect(new URL(url).searchParams.get('limit')).toBe('500');
    }
    const end = pages.at(-1)!;
    expect(end.page.items).toEqual([]);
    expect(end.page.next).toBe(end.url);
  });

  it('gives every item kind CourseInstance and an integer modified; deleted items carry no data', () => {
    for (const item of items) {
      expect(item.kind).toBe('CourseInstance');
      expect(Number.isSafeInteger(item.modified)).toBe(true);
      expect(typeof item.id).toBe('string');
      if (item.state === 'deleted') expect(item).not.toHaveProperty('data');
      else expect(item.state).toBe('updated');
    }
  });

  it('describes each published program as schema.org CourseInstance JSON-LD with typed fields', () => {
    const updated = items.filter((item) => item.state === 'updated');
    expect(updated.length).toBeGreaterThan(0);
    for (const { id, data, provenance } of updated) {
      // The test hub's feed is a demo's (FEED_INCLUDE_GENERATED): its seeded programs say they are made up.
      expect(['GENERATED', 'PUBLISHED']).toContain(provenance!.origin);
      const d = data as Record<string, any>;
      expect(d).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'CourseInstance',
        identifier: id,
        inLanguage: 'ko',
      });
      expect(typeof d.name).toBe('string');
      expect(d.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(d.endDate >= d.startDate).toBe(true);
      expect(d.location['@type']).toBe('Place');
      expect(typeof d.location.name).toBe('string');
      if (/^(SchoolSpace|LibrarySpace|CulturalSpace):/.test(d.location.identifier)) {
        // A registry institution's address and point stay out while its dataset's licence is not confirmed.
        expect(Object.keys(d.location).sort()).toEqual(['@type', 'identifier', 'name']);
      } else {
        expect(d.location.geo['@type']).toBe('GeoCoordinates');
        expect(d.location.geo.latitude).toBeGreaterThan(37.4);
        expect(d.location.geo.latitude).toBeLessThan(37.72);
        expect(d.location.geo.longitude).toBeGreaterThan(126.76);
        expect(d.location.geo.longitude).toBeLessThan(127.19);
      }
      expect(d.organizer['@type']).toBe('Organization');
      expect(typeof d.organizer.name).toBe('string');
      expect(d.offers).toEqual([
        expect.objectContaining({ '@type': 'Offer', priceCurrency: 'KRW', price: expect.any(Number) }),
      ]);
      expect(Number.isInteger(d.maximumAttendeeCapacity)).toBe(true);
      expect(Number.isInteger(d.remainingAttendeeCapacity)).toBe(true);
      expect(d.remainingAttendeeCapacity).toBeLessThanOrEqual(d.maximumAttendeeCapacity);
      expect(Array.isArray(d.subEvent)).toBe(true);
      expect(new URL(d.url).pathname).toBe('/graphql');
    }
    expect(updated.some(({ data }) => (data as any).courseMode === 'onsite')).toBe(true);
  });

  it('agrees with the GraphQL API on a program: title, host, venue, fee, seats and sessions', async () => {
    const item = items.find((i) => i.state === 'updated' && (i.data as any).courseMode === 'onsite')!;
    const { data } = await graphql(
      testStack().gatewayUrl,
      `
        query ($id: ID!) {
          program(id: $id) {
            title
            startsOn
            endsOn
            capacity
            seatsLeft
            feeKrw
            sessions {
              startsAt
              endsAt
            }
            host {
              ... on LearningCenter {
                name
              }
              ... on School {
                name
              }
              ... on Library {
                name
              }
              ... on CulturalCenter {
                name
              }
              ... on CivilProvider {
                name
              }
            }
            venue {
              ... on SchoolSpace {
                name
              }
              ... on LibrarySpace {
                name
              }
              ... on CulturalSpace {
                name
              }
              ... on CenterSpace {
                name
              }
            }
          }
        }
      `,
      { id: item.id },
    );
    const program = data!.program;
    const d = item.data as Record<string, any>;
    expect(d).toMatchObject({
      name: program.title,
      startDate: program.startsOn,
      endDate: program.endsOn,
      maximumAttendeeCapacity: program.capacity,
      remainingAttendeeCapacity: program.seatsLeft,
      organizer: { name: program.host.name },
      offers: [{ price: program.feeKrw }],
    });
    expect(d.location.name.endsWith(program.venue.name)).toBe(true);
    expect(d.subEvent).toEqual(
      program.sessions.map((s: any) => ({ '@type': 'Event', startDate: s.startsAt, endDate: s.endsAt })),
    );
  });

  it('sends cache headers: an hour for pages of items, seconds for the empty end page', async () => {
    const first = await getPage(pages[0].url);
    expect(first.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await getPage(pages.at(-1)!.url)).headers.get('cache-control')).toBe('public, max-age=8');
  });

  it('refuses bad positions with 400: afterId alone, a non-number timestamp, a limit out of range', async () => {
    for (const query of ['?afterId=PG1', '?afterTimestamp=yesterday', '?limit=0', '?limit=501']) {
      const { status, page } = await getPage(feedUrl(query));
      expect([query, status]).toEqual([query, 400]);
      expect(page).toHaveProperty('error');
    }
  });

  it('shows a program after it is published and turns it into a deletion marker once archived', async () => {
    const end = pages.at(-1)!.page.next; // where a reader that has synced everything polls
    const draft = await createProgram({ title: `피드 시험 ${Date.now()}` });
    expect((await getPage(end)).page.items.map((item) => item.id)).not.toContain(draft.id);

    await programMutation('publishProgram', { id: draft.id });
    const afterPublish = (await getPage(end)).page.items.filter((item) => item.id === draft.id);
    expect(afterPublish).toEqual([expect.objectContaining({ state: 'updated', id: draft.id })]);
    expect(afterPublish[0].data).toMatchObject({
      '@type': 'CourseInstance',
      location: { identifier: `LearningCenter:${CENTER}` },
    });

    await programMutation('archiveProgram', { id: draft.id });
    const walked = (await walk(end)).flatMap(({ page }) => page.items).filter((item) => item.id === draft.id);
    expect(walked).toEqual([{ state: 'deleted', kind: 'CourseInstance', id: draft.id, modified: expect.any(Number) }]);
    expect(walked[0].modified).toBeGreaterThan(afterPublish[0].modified);
    // A reader that took the published version moves on to the deletion marker.
    const afterIt = feedUrl(`?afterTimestamp=${afterPublish[0].modified}&afterId=${draft.id}`);
    expect((await walk(afterIt)).flatMap(({ page }) => page.items).map((item) => [item.id, item.state])).toContainEqual(
      [draft.id, 'deleted'],
    );
    const row = await orm.em.fork().findOneOrFail(Program, draft.id);
    expect([row.status, row.modified]).toEqual([ProgramStatus.ARCHIVED, walked[0].modified]);
  });

  it('never lists a draft archived without being published, not even as a deletion marker', async () => {
    const end = pages.at(-1)!.page.next;
    const draft = await createProgram({ title: `보관된 초안 ${Date.now()}` });
    expect(await programMutation('archiveProgram', { id: draft.id })).toMatchObject({ status: 'ARCHIVED' });
    const walked = (await walk(end)).flatMap(({ page }) => page.items);
    expect(walked.map((item) => item.id)).not.toContain(draft.id);
    const { data } = await graphql(testStack().gatewayUrl, 'query($id: ID!) { program(id: $id) { id } }', {
      id: draft.id,
    });
    expect(data!.program).toBeNull();
  });
});
