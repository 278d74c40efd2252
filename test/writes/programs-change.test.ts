/**
 * updateProgram, publishProgram and archiveProgram through the gateway: who may change which program (every role,
 * allowed and refused), the life of a program from draft to archive, and optimistic locking on update.
 */
import { codes } from '../support/mutations';
import { fresh } from '../support/names';
import {
  fixture,
  mutate,
  newProgram,
  OTHER_SUB_AREA,
  programRow,
  sessionRows,
  setUpProgramWrites,
  type Caller,
} from './programs-support';

setUpProgramWrites();

describe.each(['updateProgram', 'publishProgram', 'archiveProgram'])('%s', (mutation) => {
  /** Publishing works on drafts, which do not exist for callers who may not see them. */
  const scopeRefusal = mutation === 'publishProgram' ? 'NOT_FOUND' : 'FORBIDDEN';
  const matrix: [string, string, Caller][] = [
    ['a CITY_ADMIN', 'ALLOWED', 'cityAdmin'],
    ["the DISTRICT_OFFICER of the center's district", 'ALLOWED', 'homeOfficer'],
    ['the host institution', 'ALLOWED', 'host'],
    ['a DISTRICT_OFFICER of another district', scopeRefusal, 'awayOfficer'],
    ['the center acting as INSTITUTION, when a partner hosts', scopeRefusal, 'centerItself'],
    ['another partner of the center', scopeRefusal, 'otherPartner'],
    ['a former partner of the center', scopeRefusal, 'formerPartner'],
    ["an EXPERT of the center's district, when a partner (not a learning center) hosts", scopeRefusal, 'expert'],
    ['an EDUCATION_OFFICE', 'FORBIDDEN', 'educationOffice'],
    ['a RESIDENT', 'FORBIDDEN', 'resident'],
    ['an ANALYST', 'FORBIDDEN', 'analyst'],
    ['an anonymous caller', 'UNAUTHENTICATED', 'anonymous'],
  ];
  const target = () => newProgram({ publish: mutation !== 'publishProgram' });
  const inputFor = (program: Record<string, any>, title: string) =>
    mutation === 'updateProgram' ? { id: program.id, version: program.version, title } : { id: program.id };
  let shared: Record<string, any>;
  beforeAll(async () => {
    shared = await target();
  });

  it.each(matrix)('%s: %s', async (_name, expected, caller) => {
    const program = expected === 'ALLOWED' ? await target() : shared;
    const before = await programRow(program.id);
    const title = fresh('Renamed');
    const payload = await mutate(mutation, inputFor(program, title), caller);
    if (expected !== 'ALLOWED') {
      expect(payload.program).toBeNull();
      expect(codes(payload)).toEqual([expected]);
      expect(await programRow(program.id)).toEqual(before);
      return;
    }
    expect(payload.userErrors).toEqual([]);
    const effect = {
      updateProgram: { title, status: 'PUBLISHED' },
      publishProgram: { status: 'PUBLISHED' },
      archiveProgram: { status: 'ARCHIVED' },
    }[mutation];
    expect(payload.program).toMatchObject({ id: program.id, ...effect, version: program.version + 1 });
    expect(await programRow(program.id)).toMatchObject({ status: effect!.status, version: program.version + 1 });
  });
});

describe('program status', () => {
  it('publishes a draft once: publishing again succeeds and changes nothing', async () => {
    const draft = await newProgram();
    const first = await mutate('publishProgram', { id: draft.id, idempotencyKey: fresh('publish') });
    expect(first.program).toMatchObject({ status: 'PUBLISHED', version: draft.version + 1 });
    const row = await programRow(draft.id);
    const again = await mutate('publishProgram', { id: draft.id });
    expect(again.userErrors).toEqual([]);
    expect(again.program).toMatchObject({ status: 'PUBLISHED', version: draft.version + 1 });
    expect(await programRow(draft.id)).toEqual(row);
  });

  it('archives for good: archiving again changes nothing, and an archived program is not published again', async () => {
    const program = await newProgram({ publish: true });
    expect((await mutate('archiveProgram', { id: program.id })).program).toMatchObject({ status: 'ARCHIVED' });
    const row = await programRow(program.id);
    const again = await mutate('archiveProgram', { id: program.id });
    expect(again.userErrors).toEqual([]);
    const publish = await mutate('publishProgram', { id: program.id });
    expect(publish.userErrors).toEqual([expect.objectContaining({ code: 'PROGRAM_NOT_OPEN', field: ['input', 'id'] })]);
    const update = await mutate('updateProgram', { id: program.id, version: row.version, title: fresh('Too late') });
    expect(codes(update)).toEqual(['INVALID_INPUT']);
    expect(await programRow(program.id)).toEqual(row);
  });

  it('answers NOT_FOUND for an unknown program', async () => {
    const payload = await mutate('publishProgram', { id: 'PG-none' });
    expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
  });
});

describe('updateProgram', () => {
  it('refuses a stale version with STALE_VERSION and changes nothing', async () => {
    const program = await newProgram();
    const first = await mutate('updateProgram', {
      id: program.id,
      version: program.version,
      title: fresh('First edit'),
    });
    expect(first.program!.version).toBe(program.version + 1);
    const row = await programRow(program.id);
    const stale = await mutate('updateProgram', {
      id: program.id,
      version: program.version,
      title: fresh('Lost edit'),
      capacity: 99,
    });
    expect(stale.program).toBeNull();
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'STALE_VERSION', field: ['input', 'version'] })]);
    expect(await programRow(program.id)).toEqual(row);
  });

  it('changes only the fields it is given, replaces the sessions and clears the venue on null', async () => {
    const program = await newProgram({
      venue: { type: 'LIBRARY_SPACE', id: fixture.partnerRoom },
      sessions: [{ startsAt: '2027-03-03T19:00:00+09:00', endsAt: '2027-03-03T21:00:00+09:00' }],
    });
    const sessions = [
      { startsAt: '2027-03-24T10:00:00+09:00', endsAt: '2027-03-24T12:00:00+09:00' },
      { startsAt: '2027-03-17T10:00:00+09:00', endsAt: '2027-03-17T12:00:00+09:00' },
    ];
    const payload = await mutate('updateProgram', {
      id: program.id,
      version: program.version,
      feeKrw: 30000,
      fieldCode: OTHER_SUB_AREA,
      venue: null,
      sessions,
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.program).toMatchObject({
      title: program.title,
      description: program.description,
      feeKrw: 30000,
      field: { code: OTHER_SUB_AREA },
      venue: null,
    });
    expect(payload.program!.sessions).toEqual([sessions[1], sessions[0]]);
    expect((await sessionRows(program.id)).map((row) => row.starts_at)).toEqual([
      sessions[1].startsAt,
      sessions[0].startsAt,
    ]);
  });

  it('answers bad changes with every problem at once and changes nothing', async () => {
    const program = await newProgram({
      sessions: [{ startsAt: '2027-03-03T19:00:00+09:00', endsAt: '2027-03-03T21:00:00+09:00' }],
    });
    const [row, sessions] = [await programRow(program.id), await sessionRows(program.id)];
    const payload = await mutate('updateProgram', {
      id: program.id,
      version: program.version,
      title: ' ',
      startsOn: '2027-03-10', // after the kept session
      capacity: 1001,
      fieldCode: 'no-such-field',
      venue: { type: 'LIBRARY_SPACE', id: 'LIB-none-S1' },
    });
    expect(payload.program).toBeNull();
    expect(payload.userErrors.map((error) => [error.code, error.field])).toEqual(
      expect.arrayContaining([
        ['INVALID_INPUT', ['input', 'title']],
        ['INVALID_INPUT', ['input', 'capacity']],
        ['INVALID_INPUT', ['input', 'sessions', '0']],
        ['NOT_FOUND', ['input', 'fieldCode']],
        ['NOT_FOUND', ['input', 'venue', 'id']],
      ]),
    );
    expect(await programRow(program.id)).toEqual(row);
    expect(await sessionRows(program.id)).toEqual(sessions);
  });
});
