/**
 * The profiles of schools, libraries and cultural centers, through the gateway: who may edit the contact
 * fields and who may rename (every role), and what bad input is answered with.
 */
import { fresh, nextSerial, RUN } from '../support/names';
import {
  ACTORS,
  expectRefused,
  may,
  outcomeOf,
  read,
  refusals,
  send,
  SPACE_OWNERS,
  spaceOwnerWrites,
} from './institutions-support';

describe.each(SPACE_OWNERS)('writes of the $subgraph subgraph', (c) => {
  const { f, PROFILE, ownerRow } = spaceOwnerWrites(c);

  describe(`who may edit the ${c.typename}'s address, phone and homepage`, () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, c.managers);
      it(may(actor, outcome, 'edit them'), async () => {
        const before = await ownerRow();
        const input = {
          id: f.id,
          address: fresh('서울특별시 강동구 테스트로'),
          phone: '02-3425-0000',
          homepage: `https://example.org/${RUN}/${nextSerial()}`,
        };
        const result = await send(actor, f, PROFILE, input);
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(result.node).toEqual({ ...input, name: before.name });
          expect(await ownerRow()).toEqual({
            ...before,
            address: input.address,
            phone: input.phone,
            homepage: input.homepage,
          });
        } else {
          expectRefused(result, outcome);
          expect(await ownerRow()).toEqual(before);
        }
      });
    }
  });

  describe(`who may rename the ${c.typename}`, () => {
    for (const actor of ACTORS) {
      const outcome = outcomeOf(actor, c.renamers);
      it(may(actor, outcome, 'change its name'), async () => {
        const before = await ownerRow();
        const name = fresh(`${before.name}`);
        const result = await send(actor, f, PROFILE, { id: f.id, name, address: fresh('주소') });
        if (outcome === 'ALLOWED') {
          expect(result.userErrors).toEqual([]);
          expect(await ownerRow()).toMatchObject({ name, address: result.node!.address });
          const { owner } = await read<{ owner: { name: string } }>(
            `query($id: ID!) { owner: ${c.ownerQuery}(id: $id) { name } }`,
            { id: f.id },
          );
          expect(owner.name).toBe(name);
        } else {
          expectRefused(result, outcome);
          // the whole request is refused: the address given with the name is not saved either
          expect(await ownerRow()).toEqual(before);
        }
      });
    }

    it('points a managing but not renaming caller at the name field', async () => {
      const result = await send('ITSELF', f, PROFILE, { id: f.id, name: fresh('New name') });
      expect(refusals(result)).toEqual([['FORBIDDEN', ['input', 'name']]]);
    });
  });

  describe('profile', () => {
    it('clears a contact field given as null and leaves the fields not given as they are', async () => {
      const phone = '02-3425-1234';
      expect(
        (await send('ITSELF', f, PROFILE, { id: f.id, phone, homepage: 'https://example.org/before' })).userErrors,
      ).toEqual([]);
      const before = await ownerRow();
      const result = await send('ITSELF', f, PROFILE, { id: f.id, homepage: null });
      expect(result.userErrors).toEqual([]);
      expect(await ownerRow()).toEqual({ ...before, phone, homepage: null });
    });

    it('answers a blank address, a malformed phone and a non-web homepage with an error on each field, and changes nothing', async () => {
      const before = await ownerRow();
      const result = await send('ITSELF', f, PROFILE, {
        id: f.id,
        address: '  ',
        phone: 'call us',
        homepage: 'ftp://example.org',
      });
      expect(result.node).toBeNull();
      expect(refusals(result)).toEqual([
        ['INVALID_INPUT', ['input', 'address']],
        ['INVALID_INPUT', ['input', 'phone']],
        ['INVALID_INPUT', ['input', 'homepage']],
      ]);
      expect(await ownerRow()).toEqual(before);
    });

    it('refuses to clear the name, and a name over 100 characters, changing nothing', async () => {
      const before = await ownerRow();
      expect(refusals(await send('CITY_ADMIN', f, PROFILE, { id: f.id, name: null }))).toEqual([
        ['INVALID_INPUT', ['input', 'name']],
      ]);
      expect(refusals(await send('CITY_ADMIN', f, PROFILE, { id: f.id, name: 'n'.repeat(101) }))).toEqual([
        ['INVALID_INPUT', ['input', 'name']],
      ]);
      expect(await ownerRow()).toEqual(before);
    });

    it(`answers an unknown ${c.typename} with NOT_FOUND on input.id`, async () => {
      expect(refusals(await send('CITY_ADMIN', f, PROFILE, { id: 'NO-SUCH-ID', address: 'x' }))).toEqual([
        ['NOT_FOUND', ['input', 'id']],
      ]);
    });
  });
});
