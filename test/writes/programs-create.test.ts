/**
 * createProgram through the gateway: who may create which program (every role, allowed and refused), what is
 * stored, what bad input and bad venues are answered with, and idempotent retries.
 */
import { createServer } from 'node:net';
import { loadConfig } from '../../lib/config';
import { LearningCenter } from '../../subgraphs/centers/places/learning-center.entity';
import { askAboutRoom, checkVenue } from '../../subgraphs/centers/programs/program.validation';
import { startTestGateway } from '../support/gateway';
import { codes } from '../support/mutations';
import { fresh } from '../support/names';
import { SUB_AREA, testStack } from '../support/stack';
import {
  AREA,
  countByTitle,
  DISTRICT,
  draftInput,
  fixture,
  hostInput,
  mutate,
  orm,
  programRow,
  rows,
  sessionRows,
  setUpProgramWrites,
  type Caller,
  type Ref,
} from './programs-support';

setUpProgramWrites();

describe('createProgram', () => {
  type Expected = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED';
  const center = () => ({ typename: 'LearningCenter', id: fixture.center.id });
  const cases: [string, Expected, Caller, () => Ref][] = [
    ['a CITY_ADMIN, for the center itself', 'ALLOWED', 'cityAdmin', center],
    ["the center's DISTRICT_OFFICER, for an active partner", 'ALLOWED', 'homeOfficer', () => fixture.partner],
    ['an active partner (INSTITUTION), hosting itself', 'ALLOWED', 'host', () => fixture.partner],
    ['the learning center acting as INSTITUTION, hosting at itself', 'ALLOWED', 'centerItself', center],
    ['a DISTRICT_OFFICER of another district', 'FORBIDDEN', 'awayOfficer', center],
    ['an institution naming another institution as the host', 'FORBIDDEN', 'host', () => fixture.otherPartner],
    ['an institution naming the center as the host', 'FORBIDDEN', 'host', center],
    ['a former (no longer active) partner, hosting itself', 'FORBIDDEN', 'formerPartner', () => fixture.formerPartner],
    ['a CITY_ADMIN naming a host that is not an active partner', 'FORBIDDEN', 'cityAdmin', () => fixture.formerPartner],
    ["an EXPERT of the center's district, for the center itself", 'ALLOWED', 'expert', center],
    [
      "an EXPERT of the center's district, for a partner that is not a learning center",
      'FORBIDDEN',
      'expert',
      () => fixture.partner,
    ],
    ['an EDUCATION_OFFICE', 'FORBIDDEN', 'educationOffice', center],
    ['a RESIDENT', 'FORBIDDEN', 'resident', center],
    ['an ANALYST', 'FORBIDDEN', 'analyst', center],
    ['an anonymous caller', 'UNAUTHENTICATED', 'anonymous', center],
  ];

  it.each(cases)('%s: %s', async (_name, expected, caller, host) => {
    const input = draftInput({ host: hostInput(host()) });
    const payload = await mutate('createProgram', input, caller);
    if (expected === 'ALLOWED') {
      expect(payload.userErrors).toEqual([]);
      expect(payload.program).toMatchObject({
        title: input.title,
        status: 'DRAFT',
        version: 1,
        center: { id: fixture.center.id },
      });
      expect(payload.program!.host).toEqual({ __typename: host().typename, id: host().id });
      expect(await countByTitle(input.title as string)).toBe(1);
    } else {
      expect(payload.program).toBeNull();
      expect(codes(payload)).toEqual([expected]);
      expect(await countByTitle(input.title as string)).toBe(0);
    }
  });

  it('says why a host that is not an active partner may not host', async () => {
    const payload = await mutate('createProgram', draftInput({ host: hostInput(fixture.formerPartner) }));
    expect(payload.userErrors).toEqual([
      {
        code: 'FORBIDDEN',
        field: ['input', 'host'],
        message: expect.stringContaining('is not an active partner of learning center'),
      },
    ]);
  });

  it('stores the trimmed values, the center district and dong, and the sessions in time order', async () => {
    const sessions = [
      { startsAt: '2027-03-16T19:00:00+09:00', endsAt: '2027-03-16T21:00:00+09:00' },
      { startsAt: '2027-03-09T10:00:00Z', endsAt: '2027-03-09T12:00:00Z' },
    ];
    const title = fresh('Trimmed');
    const payload = await mutate(
      'createProgram',
      draftInput({ title: `  ${title}  `, description: '   ', feeKrw: 15000, capacity: 12, sessions }),
    );
    expect(payload.userErrors).toEqual([]);
    expect(payload.program).toMatchObject({
      title,
      description: null,
      feeKrw: 15000,
      capacity: 12,
      seatsLeft: 12,
      field: { code: SUB_AREA },
      venue: null,
    });
    expect(payload.program!.sessions).toEqual([sessions[1], sessions[0]]);
    const center = await orm.em.fork().findOneOrFail(LearningCenter, fixture.center.id);
    expect(await programRow(payload.program!.id)).toMatchObject({
      district_code: DISTRICT,
      dong_code: center.dong.code,
      host_type: 'LearningCenter',
      host_id: fixture.center.id,
      confirmed_count: 0,
      status: 'DRAFT',
    });
    expect((await sessionRows(payload.program!.id)).map((row) => [Number(row.position), row.starts_at])).toEqual([
      [1, sessions[1].startsAt],
      [2, sessions[0].startsAt],
    ]);
  });

  it('answers bad input with every problem at once and writes nothing', async () => {
    const title = 'x';
    const before = (await rows('select count(*) as n from program', []))[0].n;
    const payload = await mutate(
      'createProgram',
      draftInput({
        title,
        description: 'd'.repeat(2001),
        startsOn: '2027-05-01',
        endsOn: '2027-04-01',
        capacity: 0,
        feeKrw: -1,
        fieldCode: 'no-such-field',
        sessions: [{ startsAt: '2027-04-10T12:00:00+09:00', endsAt: '2027-04-10T10:00:00+09:00' }],
        idempotencyKey: fresh('bad input'),
      }),
    );
    expect(payload.program).toBeNull();
    expect(payload.userErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'title'] }),
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'description'] }),
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'endsOn'] }),
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'capacity'] }),
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'feeKrw'] }),
        expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'sessions', '0', 'endsAt'] }),
        expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'fieldCode'] }),
      ]),
    );
    expect((await rows('select count(*) as n from program', []))[0].n).toBe(before);
  });

  it.each([
    ['a capacity above 1000', { capacity: 1001 }, ['input', 'capacity']],
    ['a fee above 10,000,000 won', { feeKrw: 10_000_001 }, ['input', 'feeKrw']],
    ['a title of 201 characters', { title: '가'.repeat(201) }, ['input', 'title']],
    [
      'a session outside the program dates',
      { sessions: [{ startsAt: '2027-05-04T19:00:00+09:00', endsAt: '2027-05-04T21:00:00+09:00' }] },
      ['input', 'sessions', '0'],
    ],
    ['an area instead of a sub-area', { fieldCode: AREA }, ['input', 'fieldCode']],
  ])('refuses %s', async (_name, overrides, field) => {
    const input = draftInput(overrides);
    const payload = await mutate('createProgram', input);
    expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field })]);
    expect(await countByTitle(input.title as string)).toBe(0);
  });

  it('answers NOT_FOUND for an unknown center', async () => {
    const payload = await mutate('createProgram', draftInput({ centerId: 'LC-none' }));
    expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'centerId'] })]);
  });

  describe('venues', () => {
    it("takes place in a room of its host, or in the center's own venue", async () => {
      const own = await mutate(
        'createProgram',
        draftInput({ host: hostInput(fixture.partner), venue: { type: 'LIBRARY_SPACE', id: fixture.partnerRoom } }),
      );
      expect(own.userErrors).toEqual([]);
      expect(own.program!.venue).toEqual({ __typename: 'LibrarySpace', id: fixture.partnerRoom });
      const venue = fixture.center.venue;
      if (!venue) return;
      const type = {
        SchoolSpace: 'SCHOOL_SPACE',
        LibrarySpace: 'LIBRARY_SPACE',
        CulturalSpace: 'CULTURAL_SPACE',
        CenterSpace: 'CENTER_SPACE',
      }[venue.typename];
      const atCenter = await mutate(
        'createProgram',
        draftInput({ host: hostInput(fixture.otherPartner), venue: { type, id: venue.id } }),
      );
      expect(atCenter.userErrors).toEqual([]);
      expect(atCenter.program!.venue).toEqual({ __typename: venue.typename, id: venue.id });
    });

    it.each([
      [
        "a partner's room, when the center hosts",
        () => ({ venue: { type: 'LIBRARY_SPACE', id: fixture.partnerRoom } }),
        'INVALID_INPUT',
        ['input', 'venue'],
      ],
      [
        'a room that does not exist',
        () => ({ host: hostInput(fixture.partner), venue: { type: 'LIBRARY_SPACE', id: 'LIB-none-S1' } }),
        'NOT_FOUND',
        ['input', 'venue', 'id'],
      ],
      [
        'a room of another learning center',
        () => ({ venue: { type: 'CENTER_SPACE', id: fixture.foreignCenterRoom } }),
        'INVALID_INPUT',
        ['input', 'venue'],
      ],
      [
        'a school room for a library host',
        () => ({ host: hostInput(fixture.partner), venue: { type: 'SCHOOL_SPACE', id: 'B000000001-S1' } }),
        'INVALID_INPUT',
        ['input', 'venue'],
      ],
    ])('refuses %s', async (_name, overrides, code, field) => {
      const input = draftInput(overrides());
      const payload = await mutate('createProgram', input);
      expect(payload.userErrors).toEqual([expect.objectContaining({ code, field })]);
      expect(await countByTitle(input.title as string)).toBe(0);
    });
  });

  it('says so, and changes nothing, when the subgraph keeping the room cannot be asked', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    // Subgraphs ask each other through the gateway's entity relay: here a gateway whose libraries subgraph is not there.
    const relay = await startTestGateway({ LIBRARIES_URL: `http://127.0.0.1:${closedPort}/graphql` });
    const config = { ...loadConfig(testStack().env, { service: 'centers' }), gatewayUrl: relay.url };
    const venue = { typename: 'LibrarySpace' as const, id: fixture.partnerRoom };
    const answer = await askAboutRoom(config, venue).finally(() => relay.stop());
    expect(answer).toEqual({ unavailable: expect.stringContaining('libraries') });
    const center = await orm.em.fork().findOneOrFail(LearningCenter, fixture.center.id);
    const host = { typename: 'Library' as const, id: fixture.partner.id };
    expect(await checkVenue(orm.em.fork(), center, host, venue, answer)).toEqual(
      expect.objectContaining({
        code: 'UNAVAILABLE',
        field: ['input', 'venue'],
        message: expect.stringContaining('could not be checked'),
      }),
    );
    expect(await askAboutRoom(loadConfig(testStack().env, { service: 'centers' }), venue)).toEqual({
      ownerId: fixture.partner.id,
    });
  });

  describe('idempotency', () => {
    it('returns the first program to a retry with the same key, and writes one', async () => {
      const input = draftInput({ idempotencyKey: fresh('create') });
      const first = await mutate('createProgram', input);
      const retry = await mutate('createProgram', input);
      expect(first.userErrors).toEqual([]);
      expect(retry).toEqual(first);
      expect(await countByTitle(input.title as string)).toBe(1);
    });

    it('writes one program for parallel retries with the same key', async () => {
      const input = draftInput({ idempotencyKey: fresh('parallel create') });
      const answers = await Promise.all(Array.from({ length: 5 }, () => mutate('createProgram', input)));
      expect(new Set(answers.map((answer) => answer.program?.id)).size).toBe(1);
      expect(answers.every((answer) => answer.userErrors.length === 0)).toBe(true);
      expect(await countByTitle(input.title as string)).toBe(1);
    });

    it('keeps keys apart per caller: the same key from someone else creates their own program', async () => {
      const key = fresh('shared key');
      const mine = await mutate('createProgram', draftInput({ idempotencyKey: key }), 'cityAdmin');
      const theirs = await mutate('createProgram', draftInput({ idempotencyKey: key }), 'centerItself');
      expect(theirs.userErrors).toEqual([]);
      expect(theirs.program!.id).not.toBe(mine.program!.id);
    });
  });
});
