/**
 * Idempotency keys through the gateway: a key answers a retry with the first
 * result only for the same caller (subject, role and scope), only for the same
 * input, only as that caller may read the result, and only until it expires;
 * expired records are pruned. Every test writes programs of its own.
 */
import { Role, type TokenClaims } from '../../lib/auth';
import type { Orm } from '../../lib/subgraph/orm';
import { LearningCenter } from '../../subgraphs/centers/places/learning-center.entity';
import { mutate as mutateThroughGateway, type UserError } from '../support/mutations';
import { fresh, RUN } from '../support/names';
import { centerProgramInput, openSubgraphDatabase, SUB_AREA, tokenFor } from '../support/stack';

/** Seongbuk-gu: a district the other write suites leave alone. */
const DISTRICT = '11290';

type Payload = { program: { id: string; title: string; status: string } | null; userErrors: UserError[] };

let orm: Orm;
let centerId: string;
/** One `sub` behind several identities: what tells them apart is the role and the scope. */
const SHARED_SUB = `shared-${RUN}`;
const officer = (): TokenClaims => ({ sub: SHARED_SUB, role: Role.DISTRICT_OFFICER, district: DISTRICT });
const otherOfficer = (): TokenClaims => ({ sub: SHARED_SUB, role: Role.DISTRICT_OFFICER, district: '11110' });
const centerItself = (): TokenClaims => ({
  sub: SHARED_SUB,
  role: Role.INSTITUTION,
  institution: `LearningCenter:${centerId}`,
});
const resident = (): TokenClaims => ({ sub: SHARED_SUB, role: Role.RESIDENT });
const cityAdmin = (): TokenClaims => ({ sub: SHARED_SUB, role: Role.CITY_ADMIN });

async function mutate(
  mutation: 'createProgram' | 'publishProgram' | 'archiveProgram',
  input: Record<string, unknown>,
  claims: TokenClaims,
): Promise<Payload> {
  const inputType = mutation === 'createProgram' ? 'CreateProgramInput' : 'ProgramIdInput';
  return mutateThroughGateway({
    mutation,
    inputType,
    input,
    selection: 'program { id title status }',
    token: await tokenFor(claims),
  });
}

const draftInput = (key: string, title = fresh('Keyed draft')): Record<string, unknown> => ({
  ...centerProgramInput(centerId, SUB_AREA, title),
  idempotencyKey: key,
});
const rows = (sql: string, params: unknown[]): Promise<Record<string, any>[]> =>
  orm.em.getConnection().execute(sql, params);
const countByTitle = async (title: string) => (await rows('select id from program where title = ?', [title])).length;
const keyCount = async () => Number((await rows('select count(*) as n from idempotency_record', []))[0].n);

beforeAll(async () => {
  orm = await openSubgraphDatabase('centers');
  centerId = (await orm.em.fork().findOneOrFail(LearningCenter, { district: DISTRICT }, { orderBy: { id: 'asc' } })).id;
});

afterAll(async () => {
  await orm?.close(true);
});

describe('an idempotency key', () => {
  it('answers a retry by the same caller with the same input with the first result, written once', async () => {
    const input = draftInput(fresh('key'));
    const first = await mutate('createProgram', input, officer());
    const retry = await mutate('createProgram', input, officer());
    expect(first.userErrors).toEqual([]);
    expect(retry).toEqual(first);
    expect(await countByTitle(input.title as string)).toBe(1);
  });

  it.each([
    ['a RESIDENT', resident, 'FORBIDDEN'],
    ['an officer of another district', otherOfficer, 'FORBIDDEN'],
  ])("never gives %s with the same sub and key the other's draft", async (_name, other, code) => {
    const key = fresh('shared key');
    const mine = await mutate('createProgram', draftInput(key), officer());
    expect(mine.userErrors).toEqual([]);
    const theirs = await mutate('createProgram', draftInput(key), other());
    expect(theirs.program).toBeNull();
    expect(theirs.userErrors.map((error) => error.code)).toEqual([code]);
  });

  it('is a key of its own for the same sub acting for an institution: that caller gets its own program', async () => {
    const key = fresh('shared key');
    const mine = await mutate('createProgram', draftInput(key), officer());
    const theirs = await mutate('createProgram', draftInput(key), centerItself());
    expect(theirs.userErrors).toEqual([]);
    expect(theirs.program!.id).not.toBe(mine.program!.id);
  });

  it('replays only what the caller may read: publishing with the same key as another scope gets nothing of it', async () => {
    const draft = (await mutate('createProgram', draftInput(fresh('draft')), cityAdmin())).program!;
    const key = fresh('publish key');
    // The city admin's key does not answer an officer of another district with the same sub: that officer is refused as on a first call.
    expect(
      (await mutate('publishProgram', { id: draft.id, idempotencyKey: key }, otherOfficer())).userErrors.map(
        (e) => e.code,
      ),
    ).toEqual(['NOT_FOUND']);
    expect((await mutate('publishProgram', { id: draft.id, idempotencyKey: key }, cityAdmin())).program).toMatchObject({
      id: draft.id,
      status: 'PUBLISHED',
    });
    expect(
      (await mutate('publishProgram', { id: draft.id, idempotencyKey: key }, otherOfficer())).userErrors.map(
        (e) => e.code,
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('refuses the same key with another input with IDEMPOTENCY_KEY_REUSED, and creates nothing', async () => {
    const key = fresh('reused key');
    const first = await mutate('createProgram', draftInput(key), officer());
    expect(first.userErrors).toEqual([]);
    const other = draftInput(key);
    const reused = await mutate('createProgram', other, officer());
    expect(reused.program).toBeNull();
    expect(reused.userErrors).toEqual([
      expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] }),
    ]);
    expect(await countByTitle(other.title as string)).toBe(0);
  });

  it('treats the input as the same whatever the order of its fields', async () => {
    const input = draftInput(fresh('order'));
    const first = await mutate('createProgram', input, officer());
    const reordered = Object.fromEntries(Object.entries(input).reverse());
    expect(await mutate('createProgram', reordered, officer())).toEqual(first);
  });

  it('expires: after its time the same key runs the request again, and the expired record is pruned', async () => {
    const input = draftInput(fresh('expiring'));
    const first = await mutate('createProgram', input, officer());
    expect(first.userErrors).toEqual([]);
    const recorded = await rows('select key from idempotency_record where result_id = ?', [first.program!.id]);
    expect(recorded).toHaveLength(1);
    // As if IDEMPOTENCY_KEY_TTL_HOURS had passed: the record's expiry is in the past.
    await rows('update idempotency_record set expires_at = ? where key = ?', [
      '2000-01-01T00:00:00.000Z',
      recorded[0].key,
    ]);
    const again = await mutate('createProgram', input, officer());
    expect(again.userErrors).toEqual([]);
    expect(again.program!.id).not.toBe(first.program!.id);
    expect(await countByTitle(input.title as string)).toBe(2);
    expect(await rows('select result_id from idempotency_record where key = ?', [recorded[0].key])).toEqual([
      { result_id: again.program!.id },
    ]);
  });

  it('prunes other expired records on a keyed write', async () => {
    const stale = Array.from({ length: 3 }, (_, i) => `stale-${RUN}-${i}`);
    for (const key of stale) {
      await rows(
        'insert into idempotency_record (key, input_hash, result_id, created_at, expires_at) values (?, ?, ?, ?, ?)',
        [key, '', 'PG-gone', '1999-12-31T00:00:00.000Z', '2000-01-01T00:00:00.000Z'],
      );
    }
    const before = await keyCount();
    expect((await mutate('createProgram', draftInput(fresh('pruning')), officer())).userErrors).toEqual([]);
    expect(
      await rows(`select key from idempotency_record where key in (${stale.map(() => '?').join(', ')})`, stale),
    ).toEqual([]);
    expect(await keyCount()).toBeLessThanOrEqual(before - stale.length + 1);
  });
});
