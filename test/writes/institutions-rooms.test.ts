/**
 * The rooms of schools, libraries and cultural centers, through the gateway: who may create, update and
 * remove them (every role), what bad input is answered with, retries, and removed rooms kept for their programs.
 */
import { fresh, RUN } from '../support/names';
import { graphql, testStack } from '../support/stack';
import {
  ACTORS,
  expectRefused,
  lowerFirst,
  may,
  outcomeOf,
  read,
  refusals,
  send,
  SPACE_OWNERS,
  spaceOwnerWrites,
  sql,
  type Row,
} from './institutions-support';

describe.each(SPACE_OWNERS)('writes of the $subgraph subgraph', (c) => {
  const { f, CREATE, UPDATE, REMOVE, spaceRows, spaceRow, listedSpaces, freshRoom } = spaceOwnerWrites(c);

  describe(`who may create a ${c.space}`, () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, c.managers);
      it(may(actor, outcome, `open a new room of the ${c.typename}`), async () => {
        const before = await spaceRows();
        const name = fresh('Room');
        const result = await send(actor, f, CREATE, {
          [c.ownerIdField]: f.id,
          name,
          capacity: 24,
          idempotencyKey: fresh('key'),
        });
        const after = await spaceRows();
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toMatchObject({ name, capacity: 24, removed: false });
          expect(after.map((row) => row.id).sort()).toEqual([...before.map((row) => row.id), result.node!.id].sort());
        } else {
          expectRefused(result, outcome);
          expect(after).toEqual(before);
        }
      });
    }
  });

  describe(`who may update a ${c.space}`, () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, c.managers);
      it(may(actor, outcome, `rename a room of the ${c.typename} and change its capacity`), async () => {
        const room = await freshRoom();
        const before = await spaceRow(room.id);
        const name = fresh('Renamed room');
        const result = await send(actor, f, UPDATE, { id: room.id, name, capacity: 31 });
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toEqual({ id: room.id, name, capacity: 31, removed: false });
          expect(await spaceRow(room.id)).toEqual({ ...before, name, capacity: 31 });
        } else {
          expectRefused(result, outcome);
          expect(await spaceRow(room.id)).toEqual(before);
        }
      });
    }
  });

  describe(`who may remove a ${c.space}`, () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, c.managers);
      it(may(actor, outcome, `remove a room of the ${c.typename}`), async () => {
        const room = await freshRoom();
        const before = await spaceRow(room.id);
        const result = await send(actor, f, REMOVE, { id: room.id });
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toEqual({ ...room, removed: true });
          expect((await spaceRow(room.id)).removed_at).toEqual(expect.any(String));
          expect((await listedSpaces()).map((space) => space.id)).not.toContain(room.id);
        } else {
          expectRefused(result, outcome);
          expect(await spaceRow(room.id)).toEqual(before);
          expect((await listedSpaces()).map((space) => space.id)).toContain(room.id);
        }
      });
    }
  });

  describe('rooms', () => {
    it("shows a new room among the owner's spaces through the gateway, pointing back to its owner", async () => {
      const room = await freshRoom();
      const { owner } = await read<{ owner: { spaces: Row[] } }>(
        `query($id: ID!) { owner: ${c.ownerQuery}(id: $id) { spaces { id name capacity removed owner: ${lowerFirst(c.typename)} { id } } } }`,
        { id: f.id },
      );
      expect(owner.spaces).toContainEqual({ ...room, owner: { id: f.id } });
    });

    it('stores the name trimmed and accepts the limits: 100 characters and a capacity of 1 or 5000', async () => {
      const name = `${RUN}${'가'.repeat(92)}`;
      const big = await send('ITSELF', f, CREATE, { [c.ownerIdField]: f.id, name: `  ${name}  `, capacity: 5000 });
      const small = await send('ITSELF', f, CREATE, { [c.ownerIdField]: f.id, name: fresh('Tiny room'), capacity: 1 });
      expect([big.userErrors, small.userErrors]).toEqual([[], []]);
      expect(await spaceRow(String(big.node!.id))).toMatchObject({ name, capacity: 5000 });
      expect(small.node).toMatchObject({ capacity: 1 });
    });

    it('answers a blank name and a capacity of 0 with an error on each field, and creates nothing', async () => {
      const before = await spaceRows();
      const result = await send('ITSELF', f, CREATE, { [c.ownerIdField]: f.id, name: '   ', capacity: 0 });
      expect(result.node).toBeNull();
      expect(refusals(result)).toEqual([
        ['INVALID_INPUT', ['input', 'name']],
        ['INVALID_INPUT', ['input', 'capacity']],
      ]);
      expect(await spaceRows()).toEqual(before);
    });

    it('answers a name over 100 characters and a capacity over 5000 with errors, and creates nothing', async () => {
      const before = await spaceRows();
      const result = await send('CITY_ADMIN', f, CREATE, {
        [c.ownerIdField]: f.id,
        name: 'x'.repeat(101),
        capacity: 5001,
      });
      expect(refusals(result)).toEqual([
        ['INVALID_INPUT', ['input', 'name']],
        ['INVALID_INPUT', ['input', 'capacity']],
      ]);
      expect(await spaceRows()).toEqual(before);
    });

    it(`answers an unknown ${c.typename} with NOT_FOUND on input.${c.ownerIdField}`, async () => {
      const result = await send('CITY_ADMIN', f, CREATE, {
        [c.ownerIdField]: 'NO-SUCH-ID',
        name: fresh('Room'),
        capacity: 10,
      });
      expect(refusals(result)).toEqual([['NOT_FOUND', ['input', c.ownerIdField]]]);
      expect(
        await sql(c.subgraph, `select id from ${c.spaceTable} where ${c.ownerColumn} = ?`, ['NO-SUCH-ID']),
      ).toEqual([]);
    });

    it('answers an unknown room with NOT_FOUND on input.id when updating or removing', async () => {
      for (const [mutation, input] of [
        [UPDATE, { id: 'NO-SUCH-ROOM', capacity: 10 }],
        [REMOVE, { id: 'NO-SUCH-ROOM' }],
      ] as const) {
        expect(refusals(await send('CITY_ADMIN', f, mutation, input))).toEqual([['NOT_FOUND', ['input', 'id']]]);
      }
    });

    it("refuses to clear a room's name or capacity with null, and changes nothing", async () => {
      const room = await freshRoom();
      const before = await spaceRow(room.id);
      const result = await send('ITSELF', f, UPDATE, { id: room.id, name: null, capacity: null });
      expect(refusals(result)).toEqual([
        ['INVALID_INPUT', ['input', 'name']],
        ['INVALID_INPUT', ['input', 'capacity']],
      ]);
      expect(await spaceRow(room.id)).toEqual(before);
    });

    it('changes only the fields given', async () => {
      const room = await freshRoom();
      const result = await send('ITSELF', f, UPDATE, { id: room.id, capacity: 77 });
      expect(result.node).toEqual({ ...room, capacity: 77, removed: false });
      expect(await spaceRow(room.id)).toMatchObject({ name: room.name, capacity: 77 });
    });

    it('creates one room however often a create is retried with the same idempotency key, also in parallel', async () => {
      const before = await spaceRows();
      const input = {
        [c.ownerIdField]: f.id,
        name: fresh('Retried room'),
        capacity: 12,
        idempotencyKey: fresh('retry'),
      };
      const parallel = await Promise.all([1, 2, 3, 4, 5].map(() => send('ITSELF', f, CREATE, input)));
      const first = await send('ITSELF', f, CREATE, input);
      expect(parallel.concat(first).map((result) => result.userErrors)).toEqual(Array(6).fill([]));
      expect(new Set(parallel.concat(first).map((result) => result.node!.id))).toEqual(new Set([first.node!.id]));
      expect(await spaceRows()).toHaveLength(before.length + 1);

      // a new key is a new room, and the same key from another caller is that caller's own
      const other = await send('ITSELF', f, CREATE, { ...input, idempotencyKey: fresh('retry') });
      const byAdmin = await send('CITY_ADMIN', f, CREATE, input);
      expect(new Set([first.node!.id, other.node!.id, byAdmin.node!.id]).size).toBe(3);
      expect(await spaceRows()).toHaveLength(before.length + 3);
    });

    it('refuses an idempotency key over 200 characters, and creates nothing', async () => {
      const before = await spaceRows();
      const result = await send('ITSELF', f, CREATE, {
        [c.ownerIdField]: f.id,
        name: fresh('Room'),
        capacity: 5,
        idempotencyKey: 'k'.repeat(201),
      });
      expect(refusals(result)).toEqual([['INVALID_INPUT', ['input', 'idempotencyKey']]]);
      expect(await spaceRows()).toEqual(before);
    });

    it('keeps a removed room resolvable by key for the programs held there, but no longer editable', async () => {
      const room = await freshRoom();
      expect((await send('ITSELF', f, REMOVE, { id: room.id })).userErrors).toEqual([]);
      const removedRow = await spaceRow(room.id);

      // the Venue of a program is resolved by key (_entities), which still finds the room and its name
      const { data } = await graphql<{ _entities: Row[] }>(
        testStack().subgraphUrls[c.subgraph],
        `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${c.space} { id name removed } } }`,
        { representations: [{ __typename: c.space, id: room.id }] },
      );
      expect(data!._entities).toEqual([{ id: room.id, name: room.name, removed: true }]);

      expect(refusals(await send('ITSELF', f, UPDATE, { id: room.id, name: fresh('Again') }))).toEqual([
        ['NOT_FOUND', ['input', 'id']],
      ]);
      expect(refusals(await send('ITSELF', f, REMOVE, { id: room.id }))).toEqual([['NOT_FOUND', ['input', 'id']]]);
      expect(await spaceRow(room.id)).toEqual(removedRow);
    });
  });
});
