/**
 * The rollout of the cooperation model over time, through the gateway: `coverage(asOf)` counts only the centers
 * opened by that day, and `rollout` gives, year by year from 2019, the centers opened and the dongs covered by a
 * dong center, for the city and each district, as the learning_center rows say.
 */
import type { Orm } from '../../lib/subgraph/orm';
import { openSubgraphDatabase } from '../support/stack';
import { errorCodes, query, sql } from './analytics-support';

const ROLLOUT = 'rollout { year countedOn openedCenters centerCount dongsCovered share }';
const FIGURES = `asOf dongCount dongsWithCenter centerCount ${ROLLOUT}`;

interface Center {
  district_code: string;
  dong_code: string;
  opened_on: string | null;
  kind: string;
}

/** Today in Seoul, as the subgraph counts it. */
const seoulToday = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

let orm: Orm;
let centers: Center[];

/** What the rows say about a day: centers open, and dongs whose dong center is open (no GROUP BY). */
function countedOn(day: string, districtCode?: string) {
  const open = centers.filter(
    (c) => (!districtCode || c.district_code === districtCode) && (c.opened_on === null || c.opened_on <= day),
  );
  return {
    centerCount: open.length,
    dongsWithCenter: new Set(open.filter((c) => c.kind === 'DONG_CENTER').map((c) => c.dong_code)).size,
  };
}

beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
  centers = await sql<Center>(orm, 'select district_code, dong_code, opened_on, kind from learning_center');
});
afterAll(() => orm?.close());

describe('the rollout over time', () => {
  it('counts centers as of today when no day is given, with a series from 2019 to this year', async () => {
    const { coverage } = await query(`{ coverage { ${FIGURES} } }`);
    const today = seoulToday();
    expect(coverage.asOf).toBe(today);
    expect(coverage.rollout.map((y: any) => y.year)).toEqual(
      Array.from({ length: Number(today.slice(0, 4)) - 2018 }, (_, i) => 2019 + i),
    );
    expect(coverage.rollout.at(-1).countedOn).toBe(today);
    expect(coverage.rollout[0].countedOn).toBe('2019-12-31');
    expect({ centerCount: coverage.centerCount, dongsWithCenter: coverage.dongsWithCenter }).toEqual(countedOn(today));
    expect(coverage.rollout.at(-1)).toMatchObject({
      centerCount: coverage.centerCount,
      dongsCovered: coverage.dongsWithCenter,
    });
  });

  it('follows the plan in the seed: dong centers open from 2019, all of them by the end of 2022, near-workplace centers besides', async () => {
    const { coverage } = await query(`{ coverage { dongCount ${ROLLOUT} } }`);
    const byYear = new Map(coverage.rollout.map((y: any) => [y.year, y]));
    const covered = coverage.rollout.map((y: any) => y.dongsCovered);
    expect(covered).toEqual([...covered].sort((a: number, b: number) => a - b));
    expect((byYear.get(2019) as any).dongsCovered).toBeGreaterThan(0);
    expect((byYear.get(2019) as any).share).toBeLessThan(0.5);
    expect(byYear.get(2022)).toMatchObject({ dongsCovered: coverage.dongCount, share: 1 });
    const nearWorkplace = centers.filter((c) => c.kind === 'NEAR_WORKPLACE_CENTER');
    expect(nearWorkplace.length).toBeGreaterThan(0);
    expect(coverage.rollout.at(-1).centerCount).toBe(countedOn(seoulToday()).centerCount);
  });

  it('gives every year the centers opened in it and those open at its end, as the rows say', async () => {
    const { coverage } = await query(`{ coverage { dongCount ${ROLLOUT} } }`);
    for (const year of coverage.rollout) {
      const opened = centers.filter(
        (c) => c.opened_on !== null && c.opened_on >= `${year.year}-01-01` && c.opened_on <= year.countedOn,
      ).length;
      const { centerCount, dongsWithCenter } = countedOn(year.countedOn);
      expect(year).toEqual({
        ...year,
        openedCenters: opened,
        centerCount,
        dongsCovered: dongsWithCenter,
        share: dongsWithCenter / coverage.dongCount,
      });
    }
  });

  it('answers a past day: only the centers opened by then, and the series up to that day', async () => {
    const day = '2020-06-30';
    const { coverage } = await query(
      `query($day: Date) { coverage(asOf: $day) { ${FIGURES} districts { district { code } ${FIGURES} } } }`,
      {
        day,
      },
    );
    expect(coverage.asOf).toBe(day);
    expect({ centerCount: coverage.centerCount, dongsWithCenter: coverage.dongsWithCenter }).toEqual(countedOn(day));
    expect(coverage.dongsWithCenter).toBeLessThan(coverage.dongCount);
    expect(coverage.rollout.map((y: any) => [y.year, y.countedOn])).toEqual([
      [2019, '2019-12-31'],
      [2020, day],
    ]);
    for (const district of coverage.districts) {
      const code = district.district.code;
      expect({ centerCount: district.centerCount, dongsWithCenter: district.dongsWithCenter }).toEqual(
        countedOn(day, code),
      );
      expect(district.asOf).toBe(day);
    }
    // The city's series is its districts' added up.
    coverage.rollout.forEach((year: any, i: number) => {
      const sum = (pick: (y: any) => number) =>
        coverage.districts.reduce((n: number, d: any) => n + pick(d.rollout[i]), 0);
      expect([year.openedCenters, year.centerCount, year.dongsCovered]).toEqual([
        sum((y) => y.openedCenters),
        sum((y) => y.centerCount),
        sum((y) => y.dongsCovered),
      ]);
    });
  });

  it("answers one district on its own with the city's numbers for it", async () => {
    const day = '2021-12-31';
    const { district, coverage } = await query(
      `query($day: Date) { district(code: "11545") { coverage(asOf: $day) { ${FIGURES} } }
         coverage(asOf: $day) { districts { district { code } ${FIGURES} } } }`,
      { day },
    );
    const listed = coverage.districts.find((d: any) => d.district.code === '11545');
    const { district: _district, ...figures } = listed;
    expect(district.coverage).toEqual(figures);
    expect(district.coverage.rollout.at(-1)).toMatchObject({
      year: 2021,
      dongsCovered: countedOn(day, '11545').dongsWithCenter,
    });
  });

  it('has nothing to count before 2019, and refuses a day in the future', async () => {
    const { coverage } = await query(`{ coverage(asOf: "2018-12-31") { centerCount dongsWithCenter ${ROLLOUT} } }`);
    expect(coverage).toEqual({ ...countedOn('2018-12-31'), rollout: [] });
    const tomorrow = new Date(Date.now() + 9 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    expect(await errorCodes(`{ coverage(asOf: "${tomorrow}") { centerCount } }`)).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodes(`{ district(code: "11545") { coverage(asOf: "${tomorrow}") { centerCount } } }`)).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
