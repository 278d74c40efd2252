/**
 * The city's support of a district through the gateway: recorded, corrected, bad input refused, retries.
 */
import { randomUUID } from 'node:crypto';
import {
  HOME,
  make,
  mutate,
  query,
  refused,
  setUpNetworkWrites,
  succeeded,
  supportRows,
  unusedYear,
} from './network-support';

setUpNetworkWrites();

describe('city support', () => {
  it('records support for a district and year, then corrects its amount and clears its note', async () => {
    const year = await unusedYear(HOME, 'FINANCIAL', 2060);
    const recorded = succeeded(
      await mutate('recordCitySupport', {
        districtCode: HOME,
        kind: 'FINANCIAL',
        year,
        amountKrw: 80_000_000,
        note: ' 운영비 ',
      }),
    );
    expect(recorded).toEqual({
      id: expect.any(String),
      kind: 'FINANCIAL',
      year,
      amountKrw: 80_000_000,
      note: '운영비',
      district: { code: HOME },
    });
    const listed = await query('query($code: ID!) { district(code: $code) { citySupport { id year } } }', {
      code: HOME,
    });
    expect(listed.district.citySupport).toContainEqual({ id: recorded.id, year });

    expect(succeeded(await mutate('updateCitySupport', { id: recorded.id, amountKrw: 0 }))).toEqual({
      ...recorded,
      amountKrw: 0,
    });
    expect(succeeded(await mutate('updateCitySupport', { id: recorded.id, note: null }))).toEqual({
      ...recorded,
      amountKrw: 0,
      note: null,
    });
    expect((await supportRows(HOME)).find((row) => row.id === recorded.id)).toEqual({
      id: recorded.id,
      kind: 'FINANCIAL',
      year,
      amountKrw: 0,
      note: null,
    });
  });

  it('refuses years outside 2000..2100, negative amounts, long notes, unknown ids and a second record of the same kind and year', async () => {
    const support = await make.support();
    const before = await supportRows(HOME);
    refused(
      await mutate('recordCitySupport', {
        districtCode: HOME,
        kind: 'FINANCIAL',
        year: 1999,
        amountKrw: -1,
        note: '가'.repeat(501),
      }),
      { code: 'INVALID_INPUT', field: ['input', 'year'] },
      { code: 'INVALID_INPUT', field: ['input', 'amountKrw'] },
      { code: 'INVALID_INPUT', field: ['input', 'note'] },
    );
    refused(await mutate('recordCitySupport', { districtCode: HOME, kind: 'FINANCIAL', year: 2101 }), {
      code: 'INVALID_INPUT',
      field: ['input', 'year'],
    });
    refused(await mutate('recordCitySupport', { districtCode: '99999', kind: 'FINANCIAL', year: 2030 }), {
      code: 'NOT_FOUND',
      field: ['input', 'districtCode'],
    });
    refused(
      await mutate('recordCitySupport', { districtCode: HOME, kind: support.kind, year: support.year, amountKrw: 1 }),
      { code: 'CONFLICT', field: ['input', 'year'] },
    );
    refused(await mutate('updateCitySupport', { id: support.id, amountKrw: -5 }), {
      code: 'INVALID_INPUT',
      field: ['input', 'amountKrw'],
    });
    refused(await mutate('updateCitySupport', { id: 'CS-none', amountKrw: 5 }), {
      code: 'NOT_FOUND',
      field: ['input', 'id'],
    });
    expect(await supportRows(HOME)).toEqual(before);
  });

  it('returns the same record when a recording is retried with the same idempotency key', async () => {
    const input = {
      districtCode: HOME,
      kind: 'EXPERT_STAFFING',
      year: await unusedYear(HOME, 'EXPERT_STAFFING', 2070),
      amountKrw: 40_000_000,
      idempotencyKey: randomUUID(),
    };
    const first = succeeded(await mutate('recordCitySupport', input));
    expect(succeeded(await mutate('recordCitySupport', input))).toEqual(first);
    expect((await supportRows(HOME)).filter((row) => row.kind === input.kind && row.year === input.year)).toHaveLength(
      1,
    );
  });
});
