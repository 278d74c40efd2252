/**
 * The /network page in a real browser: the map from the shipped GeoJSON,
 * coloured by coverage; a district's centers, partners and link graph; and
 * the program search with "more" paging; the rollout timeline and the
 * current notices — checked against the API.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expert, tokenOf } from '../support/actors';
import { mutate } from '../support/mutations';
import { fresh } from '../support/names';
import { graphql, testStack } from '../support/stack';
import { describeInBrowser, gatewayOrigin, openBrowser, screenshot, type BrowserSession } from './browser';

const GEO_DIR = join(__dirname, '..', '..', 'seed', 'data');
const featuresOf = (file: string) =>
  (JSON.parse(readFileSync(join(GEO_DIR, file), 'utf8')) as { features: { properties: Record<string, string> }[] })
    .features;
const GANGNAM = '11680';

interface DistrictNetwork {
  district: {
    nameKo: string;
    learningCenters: { name: string; partnerships: { partner: { __typename: string; name?: string } }[] }[];
  };
}

/** Waits until the results list shows the search with this filter, and checks the count it announces. */
async function shownResults(page: Page, filter: Record<string, string>, totalCount: number): Promise<void> {
  const key = JSON.stringify(Object.fromEntries(Object.entries(filter).sort()));
  await page.waitForFunction((k) => document.getElementById('results')?.dataset.filter === k, key);
  await expect(page.locator('#search-count').innerText()).resolves.toBe(
    `프로그램 ${totalCount.toLocaleString('ko-KR')}개`,
  );
}

async function api<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await graphql<T>(testStack().gatewayUrl, query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

describe('the network page', () => {
  it('is served as HTML with the shipped GeoJSON beside it', async () => {
    const page = await fetch(`${gatewayOrigin()}/network`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/assets/network/main.js');
    for (const file of ['seoul_gu.geojson', 'seoul_dong_2021.geojson']) {
      const response = await fetch(`${gatewayOrigin()}/assets/geo/${file}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { features: unknown[] }).features.length).toBe(featuresOf(file).length);
    }
  });
});

describeInBrowser('the network page in a browser', () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
    await browser.page.goto(`${gatewayOrigin()}/network`);
    await browser.page.locator('#map[data-ready="true"]').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws every district and dong of the GeoJSON, each district coloured by its coverage', async () => {
    const { page } = browser;
    const districts = featuresOf('seoul_gu.geojson');
    expect(districts).toHaveLength(25);
    await expect(page.locator('#map path.district').count()).resolves.toBe(districts.length);
    await expect(page.locator('#map path.dong').count()).resolves.toBe(featuresOf('seoul_dong_2021.geojson').length);
    const codes = await page
      .locator('#map path.district')
      .evaluateAll((paths) => paths.map((p) => p.getAttribute('data-code')).sort());
    expect(codes).toEqual(districts.map((f) => f.properties.gu_code).sort());
    // Every district got a colour from the data (the "no data" grey is #ddd).
    const fills = await page
      .locator('#map path.district')
      .evaluateAll((paths) => paths.map((p) => getComputedStyle(p).fill));
    expect(fills.filter((fill) => fill === 'rgb(221, 221, 221)' || fill === '')).toEqual([]);
    expect(new Set(fills).size).toBeGreaterThan(1);
  });

  it("shows a clicked district's centers, partners and link graph", async () => {
    const { page } = browser;
    const expected = await api<DistrictNetwork>(
      `query ($code: ID!) { district(code: $code) { nameKo learningCenters { name partnerships { partner {
        __typename ... on School { name } ... on Library { name } ... on CulturalCenter { name } ... on CivilProvider { name } ... on LearningCenter { name } ... on EducationOffice { name: nameKo } } } } } }`,
      { code: GANGNAM },
    );
    const centers = expected.district.learningCenters;
    const partnerships = centers.flatMap((c) => c.partnerships);
    expect(centers.length).toBeGreaterThan(0);
    expect(partnerships.length).toBeGreaterThan(0);

    await page.locator(`#map path.district[data-code="${GANGNAM}"]`).click();
    const panel = page.locator(`#district[data-code="${GANGNAM}"]`);
    await panel.waitFor();
    await expect(page.locator(`#map path.district[data-code="${GANGNAM}"]`).getAttribute('aria-pressed')).resolves.toBe(
      'true',
    );
    await expect(panel.locator('.district-name').innerText()).resolves.toContain(expected.district.nameKo);
    await expect(panel.locator('.centers li').allInnerTexts()).resolves.toEqual(
      centers.map((c) => expect.stringContaining(c.name)),
    );
    await panel.locator('.partners summary').click();
    const partnerNames = await panel.locator('.partners li li').allInnerTexts();
    for (const { partner } of partnerships)
      expect(partnerNames).toEqual(expect.arrayContaining([expect.stringContaining(partner.name!)]));

    // The graph: one edge per partnership, a node per center and per distinct partner, drawn on a canvas.
    const graph = page.locator('#graph');
    await graph.locator('canvas').first().waitFor();
    const partners = new Set(partnerships.map(({ partner }) => `${partner.__typename}:${partner.name}`));
    await expect(graph.getAttribute('data-edges')).resolves.toBe(String(partnerships.length));
    const nodes = Number(await graph.getAttribute('data-nodes'));
    expect(nodes).toBeGreaterThanOrEqual(centers.length);
    expect(nodes).toBeLessThanOrEqual(centers.length + partners.size);
  });

  it('selects a district from the keyboard too', async () => {
    const { page } = browser;
    const jongno = page.locator('#map path.district[data-code="11110"]');
    await jongno.focus();
    await page.keyboard.press('Enter');
    await page.locator('#district[data-code="11110"]').waitFor();
    await expect(jongno.getAttribute('aria-pressed')).resolves.toBe('true');
  });

  it('searches programs by title, track and district, and pages with "more"', async () => {
    const { page } = browser;
    const filter = { districtCode: GANGNAM, track: 'LIFE_CULTURE' };
    const all = await api<{ programs: { totalCount: number; edges: { node: { title: string } }[] } }>(
      'query ($filter: ProgramFilter) { programs(filter: $filter, first: 100) { totalCount edges { node { title } } } }',
      { filter },
    );
    expect(all.programs.totalCount).toBeGreaterThan(20); // enough for a second page

    await page.selectOption('#search-track', filter.track);
    await page.selectOption('#search-district', filter.districtCode);
    await page.getByRole('button', { name: '검색' }).click();
    await shownResults(page, filter, all.programs.totalCount);
    await expect(page.locator('#results > li').count()).resolves.toBe(20);
    await page.locator('#more').click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('#results > li').length === n,
      Math.min(40, all.programs.totalCount),
    );
    const titles = await page.locator('#results .result-title').allInnerTexts();
    expect(titles).toEqual(all.programs.edges.slice(0, titles.length).map((e) => e.node.title));

    // Title text: a word of a real title narrows the list to titles containing it.
    const word = all.programs.edges[0].node.title.split(/\s+/)[0];
    const matching = await api<{ programs: { totalCount: number } }>(
      'query ($filter: ProgramFilter) { programs(filter: $filter) { totalCount } }',
      { filter: { ...filter, titleContains: word } },
    );
    await page.fill('#search-text', word);
    await page.getByRole('button', { name: '검색' }).click();
    await shownResults(page, { ...filter, titleContains: word }, matching.programs.totalCount);
    const found = await page.locator('#results .result-title').allInnerTexts();
    expect(found.length).toBe(Math.min(20, matching.programs.totalCount));
    for (const title of found) expect(title.toLowerCase()).toContain(word.toLowerCase());
  });

  it('switches its labels between Korean and English', async () => {
    const { page } = browser;
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ko');
    await page.locator('#language').click();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await expect(page.locator('#search-heading').innerText()).resolves.toBe('Program search');
    await expect(page.locator('#district .district-name').innerText()).resolves.toContain('Jongno-gu');
    await page.locator('#language').click();
    await expect(page.locator('#search-heading').innerText()).resolves.toBe('프로그램 검색');
  });

  it('shows the rollout on a timeline: each year, the dongs that had a dong center by then and the figures of the year', async () => {
    const { page } = browser;
    const { coverage, districts } = await api<any>(
      '{ coverage { rollout { year countedOn openedCenters dongsCovered share } } districts { dongs { code learningCenters { kind openedOn } } } }',
    );
    const years = coverage.rollout.map((y: any) => y.year);
    expect(years[0]).toBe(2019);
    const slider = page.locator('#timeline');
    await expect(slider.getAttribute('min')).resolves.toBe('2019');
    await expect(slider.getAttribute('max')).resolves.toBe(String(years.at(-1)));
    await expect(slider.inputValue()).resolves.toBe(String(years.at(-1)));

    const drawn = new Set(featuresOf('seoul_dong_2021.geojson').map((f) => f.properties.adm_cd2));
    const openedOn = new Map<string, string>();
    for (const dong of districts.flatMap((d: any) => d.dongs))
      for (const center of dong.learningCenters)
        if (center.kind === 'DONG_CENTER') openedOn.set(dong.code, center.openedOn);
    const coveredOn = (day: string) => [...drawn].filter((code) => (openedOn.get(code) ?? '9999') <= day).sort();

    const shownCounts: number[] = [];
    for (const year of [2019, 2020, 2022]) {
      const figures = coverage.rollout.find((y: any) => y.year === year);
      await slider.fill(String(year));
      await expect(page.locator('#timeline-year').innerText()).resolves.toBe(String(year));
      const summary = await page.locator('#timeline-summary').innerText();
      expect(summary).toContain(figures.countedOn);
      expect(summary).toContain(`${figures.dongsCovered}개 행정동`);
      expect(summary).toContain(`${Math.round(100 * figures.share)}%`);
      expect(summary).toContain(`센터 ${figures.openedCenters}곳`);
      const shown = await page
        .locator('#map path.dong:not(.without-center)')
        .evaluateAll((paths) => paths.map((p) => p.getAttribute('data-code')!).sort());
      expect(shown).toEqual(coveredOn(figures.countedOn));
      shownCounts.push(shown.length);
    }
    // A ramp: more dongs each year, and by the end of 2022 every drawn dong whose code still exists.
    expect(shownCounts[0]).toBeLessThan(shownCounts[1]);
    expect(shownCounts[1]).toBeLessThan(shownCounts[2]);
    expect(coveredOn('2022-12-31').length).toBe([...drawn].filter((code) => openedOn.has(code)).length);
  });

  it('lists the notices current today, and not those yet to come', async () => {
    const { page } = browser;
    const seoulDay = (days: number) =>
      new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const token = await tokenOf(expert(GANGNAM, 'network-page-expert'));
    const publish = async (title: string, startsOn: string, endsOn: string) => {
      const payload = await mutate({
        mutation: 'publishNotice',
        inputType: 'PublishNoticeInput',
        input: { districtCode: GANGNAM, title, body: '동네배움터 소식입니다.', startsOn, endsOn },
        selection: 'notice { id }',
        token,
      });
      expect(payload.userErrors).toEqual([]);
    };
    const [current, coming] = [fresh('이번 주 강좌 안내'), fresh('다음 달 강좌 안내')];
    await publish(current, seoulDay(0), seoulDay(7));
    await publish(coming, seoulDay(20), seoulDay(30));

    await page.goto(`${gatewayOrigin()}/network`);
    await page.locator('#notices[data-ready="true"]').waitFor();
    const items = await page.locator('#notices li').allInnerTexts();
    expect(items).toEqual(expect.arrayContaining([expect.stringContaining(current)]));
    expect(items.some((text) => text.includes(coming))).toBe(false);
    expect(items.find((text) => text.includes(current))).toContain('강남구');
    await expect(page.locator('#notices-heading').innerText()).resolves.toBe('지금 알림');
  });

  it('loads nothing from outside the gateway and logs no errors', async () => {
    await screenshot(browser.page, 'network');
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      // The README's picture (docs/network-page.png, committed): Gangnam-gu selected, in English.
      const { page } = browser;
      await page.locator('#language').click();
      await page.locator(`#map path.district[data-code="${GANGNAM}"]`).click();
      await page
        .locator(`#district[data-code="${GANGNAM}"] .district-name`)
        .filter({ hasText: 'Gangnam-gu' })
        .waitFor();
      await page.locator('#graph canvas').first().waitFor();
      mkdirSync(join(__dirname, '..', '..', 'docs'), { recursive: true });
      await page.screenshot({ path: join(__dirname, '..', '..', 'docs', 'network-page.png') });
      await page.locator('#language').click();
    }
    expect(browser.requests.filter((url) => !url.startsWith(gatewayOrigin()) && !/^(data|blob):/.test(url))).toEqual(
      [],
    );
    expect(browser.errors).toEqual([]);
  });
});

describeInBrowser('the network page on a phone-sized screen', () => {
  it('fits the width without scrolling sideways', async () => {
    const browser = await openBrowser({ width: 390, height: 844 });
    try {
      await browser.page.goto(`${gatewayOrigin()}/network`);
      await browser.page.locator('#map[data-ready="true"]').waitFor();
      const { scrollWidth, innerWidth, mapWidth } = await browser.page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        mapWidth: document.querySelector('#map svg')!.getBoundingClientRect().width,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
      expect(mapWidth).toBeGreaterThan(innerWidth / 2);
      await screenshot(browser.page, 'network-phone');
    } finally {
      await browser.close();
    }
  });
});
