/**
 * /feeds/notices, the RPDE feed of notices to residents: the same paging, ordering and deletion markers as
 * /feeds/programs (gateway/feeds.ts), with each published notice as schema.org SpecialAnnouncement JSON-LD.
 */
import { Role } from '../../lib/auth';
import type { Orm } from '../../lib/subgraph/orm';
import { Notice, NoticeStatus } from '../../subgraphs/centers/notices/notice.entity';
import { mutate, type Payload } from '../support/mutations';
import { openSubgraphDatabase, tokenFor } from '../support/stack';
import { before, CENTER, feedUrlOf, getPage, walk } from './support';

const feedUrl = (query = '') => feedUrlOf('/feeds/notices', query);
const expertToken = () => tokenFor({ sub: 'test-open-data-expert', role: Role.EXPERT, district: '11680' });

async function noticeMutation(mutation: 'publishNotice' | 'withdrawNotice', input: Record<string, unknown>) {
  return mutate<Payload>({
    mutation,
    inputType: mutation === 'publishNotice' ? 'PublishNoticeInput' : 'WithdrawNoticeInput',
    input,
    selection: 'notice { id }',
    token: await expertToken(),
  });
}

const publish = async (title: string) => {
  const payload = await noticeMutation('publishNotice', {
    centerId: CENTER,
    title,
    body: '열람실 공사로 3층을 닫습니다.',
    startsOn: '2027-03-02',
    endsOn: '2027-03-31',
  });
  expect(payload.userErrors).toEqual([]);
  return payload.notice.id as string;
};

let orm: Orm;
beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
  await publish(`피드 공지 ${Date.now()}`); // at least one item, whatever ran before
});
afterAll(() => orm.close());

describe('/feeds/notices, the RPDE feed of notices', () => {
  it('lists every notice once, in (modified, id) order: published ones updated, withdrawn ones deleted', async () => {
    const pages = await walk(feedUrl('?limit=2'));
    const items = pages.flatMap(({ page }) => page.items);
    expect(items.every((item, i) => i === 0 || before(items[i - 1], item))).toBe(true);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    const em = orm.em.fork();
    const [published, withdrawn] = await Promise.all([
      em.count(Notice, { status: NoticeStatus.PUBLISHED }),
      em.count(Notice, { status: NoticeStatus.WITHDRAWN }),
    ]);
    expect(items.filter((item) => item.state === 'updated')).toHaveLength(published);
    expect(items.filter((item) => item.state === 'deleted')).toHaveLength(withdrawn);
    for (const { url, page } of pages.slice(0, -1)) {
      const last = page.items.at(-1)!;
      expect(new URL(page.next).pathname).toBe('/feeds/notices');
      expect(Object.fromEntries(new URL(page.next).searchParams)).toEqual({
        afterTimestamp: String(last.modified),
        afterId: last.id,
        limit: '2',
      });
      expect(new URL(url).searchParams.get('limit')).toBe('2');
    }
    expect(pages.at(-1)!.page.next).toBe(pages.at(-1)!.url);
  });

  it('describes a notice as SpecialAnnouncement JSON-LD and turns it into a deletion marker once withdrawn', async () => {
    const end = (await walk(feedUrl('?limit=500'))).at(-1)!.page.next; // where a synced reader polls
    const title = `피드 시험 공지 ${Date.now()}`;
    const id = await publish(title);
    const published = (await getPage(end)).page.items.filter((item) => item.id === id);
    expect(published).toEqual([
      {
        state: 'updated',
        kind: 'SpecialAnnouncement',
        id,
        modified: expect.any(Number),
        provenance: { origin: 'PUBLISHED', source: null, sourceDate: null, licence: null },
        data: expect.any(Object),
      },
    ]);
    expect(published[0].data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'SpecialAnnouncement',
      identifier: id,
      name: title,
      text: '열람실 공사로 3층을 닫습니다.',
      temporalCoverage: '2027-03-02/2027-03-31',
      expires: '2027-03-31',
      spatialCoverage: { '@type': 'AdministrativeArea', identifier: '11680' },
      announcementLocation: { '@type': 'Place', identifier: `LearningCenter:${CENTER}` },
    });

    expect((await noticeMutation('withdrawNotice', { id })).userErrors).toEqual([]);
    const walked = (await walk(end)).flatMap(({ page }) => page.items).filter((item) => item.id === id);
    expect(walked).toEqual([{ state: 'deleted', kind: 'SpecialAnnouncement', id, modified: expect.any(Number) }]);
    expect(walked[0].modified).toBeGreaterThan(published[0].modified);
  });

  it('never lists a notice that was refused, and refuses bad positions with 400', async () => {
    const end = (await walk(feedUrl('?limit=500'))).at(-1)!;
    const refused = await noticeMutation('publishNotice', {
      centerId: CENTER,
      title: '',
      body: '본문',
      startsOn: '2027-03-02',
      endsOn: '2027-03-01',
    });
    expect(refused.notice).toBeNull();
    expect((await getPage(end.url)).page.items).toEqual([]);
    for (const query of ['?afterId=NTC-1', '?afterTimestamp=yesterday', '?limit=0', '?limit=501']) {
      const { status, page } = await getPage(feedUrl(query));
      expect([query, status]).toEqual([query, 400]);
      expect(page).toHaveProperty('error');
    }
  });
});
