import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../lib/auth';
import { FileError, parseCsvText, parseJsonText, readRowsFile, type SourceRow } from '../../tools/publisher/parse';
import { exitCodeOf, planRows, publishRows, type RowResult } from '../../tools/publisher/publisher';
import { checkColumns, checkRows, COLUMNS, type CheckedRow } from '../../tools/publisher/row';
import { ROOT } from '../support/processes';
import { graphql, testStack, tokenFor } from '../support/stack';

const SAMPLE = join(ROOT, 'tools', 'publisher', 'sample-programs.csv');
const CENTER = 'LC1168064000';
const HEADER = COLUMNS.join(',');

/** A CSV line in COLUMNS order for a program of CENTER hosted by itself, with `changes` applied. */
function csvLine(changes: Partial<Record<(typeof COLUMNS)[number], string>> = {}): string {
  const row: Record<string, string> = {
    centerId: CENTER,
    hostType: 'LEARNING_CENTER',
    hostId: CENTER,
    title: '동네 글쓰기 모임',
    track: 'LIFE_CULTURE',
    fieldCode: '5-3',
    startsOn: '2027-06-01',
    endsOn: '2027-06-29',
    capacity: '15',
    feeKrw: '0',
    description: '',
    venueType: '',
    venueId: '',
    externalId: '',
    ...changes,
  };
  return COLUMNS.map((column) =>
    /[",\n]/.test(row[column]) ? `"${row[column].replace(/"/g, '""')}"` : row[column],
  ).join(',');
}

const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';
const errorsOf = (row: CheckedRow) => row.errors.map((error) => ({ column: error.column, code: error.code }));

describe('reading a programs file', () => {
  it('reads quoted CSV cells with commas, doubled quotes and line breaks, and numbers each row by the line it starts on', () => {
    const { columns, rows } = parseCsvText(
      csv(
        csvLine({ title: 'A, with a comma', description: 'She said "hi"' }),
        csvLine({ title: 'B', description: 'first line\nsecond line' }),
        csvLine({ title: 'C' }),
      ),
    );
    expect(columns).toEqual([...COLUMNS]);
    expect(rows.map((row) => [row.line, row.values.title, row.values.description])).toEqual([
      [2, 'A, with a comma', 'She said "hi"'],
      [3, 'B', 'first line\nsecond line'],
      [5, 'C', ''],
    ]);
  });

  it('skips blank lines and the comma-only lines spreadsheets leave, without losing count of lines', () => {
    const text = `\uFEFF${HEADER}\r\n\r\n${csvLine({ title: 'A' })}\r\n,,,,\r\n${csvLine({ title: 'B' })}`;
    expect(parseCsvText(text).rows.map((row) => [row.line, row.values.title])).toEqual([
      [3, 'A'],
      [5, 'B'],
    ]);
  });

  it('notes a CSV row with more cells than the header, and a quote that is never closed', () => {
    const { rows } = parseCsvText(csv(`${csvLine()},surplus`, csvLine({ title: 'ok' }), 'LC1,"unclosed'));
    expect(rows.map((row) => [row.line, row.problems.length])).toEqual([
      [2, 1],
      [3, 0],
      [4, 1],
    ]);
    expect(rows[0].problems[0].message).toMatch(/cells/);
    expect(rows[2].problems[0].message).toMatch(/never closed/);
  });

  it('reads a CSV row with a stray quote in an unquoted cell as that row only: it is reported, and the rows after it are read', () => {
    const stray = csvLine({ title: 'STRAY' }).replace('STRAY', 'x"y,z'); // unquoted, as a hand-edited file has it
    const { rows } = parseCsvText(
      csv(csvLine({ title: 'before' }), stray, csvLine({ title: 'after' }), csvLine({ title: 'last' })),
    );
    expect(rows.map((row) => [row.line, row.values.title, row.problems.length])).toEqual([
      [2, 'before', 0],
      [3, 'x"y', 1],
      [4, 'after', 0],
      [5, 'last', 0],
    ]);
    expect(rows[1].problems[0].message).toMatch(/cells/);
  });

  it('reads a JSON array of row objects, numbering items by position and taking numbers as text', () => {
    const { columns, rows } = parseJsonText(
      JSON.stringify([
        { title: ' A ', capacity: 12, feeKrw: 0 },
        { title: 'B', venueId: null },
        'nope',
        { title: { ko: 'C' } },
      ]),
    );
    expect(columns).toEqual(['title', 'capacity', 'feeKrw']);
    expect(rows.map((row) => [row.line, row.values, row.problems.length])).toEqual([
      [1, { title: 'A', capacity: '12', feeKrw: '0' }, 0],
      [2, { title: 'B' }, 0],
      [3, {}, 1],
      [4, {}, 1],
    ]);
  });

  it('refuses files that cannot be read as rows', async () => {
    expect(() => parseJsonText('{"title": "A"}')).toThrow(FileError);
    expect(() => parseJsonText('[{"title": ')).toThrow(FileError);
    expect(() => parseCsvText('\n\n')).toThrow(FileError);
    expect(() => parseCsvText('title,title\nA,B\n')).toThrow(/twice/);
    await expect(readRowsFile(join(ROOT, 'package.json.csv'))).rejects.toThrow(/no such file/);
    await expect(readRowsFile(join(ROOT, 'README.md'))).rejects.toThrow(/\.csv or \.json/);
  });

  it('names the required columns a file lacks and the columns it ignores', () => {
    expect(checkColumns(['centerId', 'title', 'externalID'])).toEqual({
      missing: ['hostType', 'hostId', 'track', 'fieldCode', 'startsOn', 'endsOn', 'capacity', 'feeKrw'],
      unknown: ['externalID'],
    });
  });
});

describe('checking rows', () => {
  const check = (...lines: string[]) => checkRows(parseCsvText(csv(...lines)).rows);

  it('maps a valid row to CreateProgramInput, keyed by its externalId', () => {
    const [row] = check(
      csvLine({ description: '  매주 화요일  ', venueType: 'LIBRARY_SPACE', venueId: 'LIB0532-S1', externalId: 'p-1' }),
    );
    expect(row).toEqual({
      line: 2,
      externalId: 'p-1',
      idempotencyKey: 'ext:p-1',
      errors: [],
      input: {
        centerId: CENTER,
        host: { type: 'LEARNING_CENTER', id: CENTER },
        title: '동네 글쓰기 모임',
        description: '매주 화요일',
        track: 'LIFE_CULTURE',
        fieldCode: '5-3',
        venue: { type: 'LIBRARY_SPACE', id: 'LIB0532-S1' },
        startsOn: '2027-06-01',
        endsOn: '2027-06-29',
        capacity: 15,
        feeKrw: 0,
      },
    });
  });

  it('keys a row without externalId by its content: the same row gets the same key, a changed row another', () => {
    const [first] = check(csvLine());
    const [again] = check(csvLine());
    const [changed] = check(csvLine({ capacity: '16' }));
    expect(first.idempotencyKey).toMatch(/^row:[0-9a-f]{64}$/);
    expect(again.idempotencyKey).toBe(first.idempotencyKey);
    expect(changed.idempotencyKey).not.toBe(first.idempotencyKey);
  });

  it('reports every problem of a bad row by column, and sends nothing of it', () => {
    const [row] = check(
      csvLine({
        centerId: '',
        hostType: 'MUSEUM',
        track: 'life_culture',
        startsOn: '2027/06/01',
        endsOn: '2027-02-30',
        capacity: '0',
        feeKrw: '1.5',
        venueType: 'SCHOOL_SPACE',
      }),
    );
    expect(row.input).toBeNull();
    expect(row.idempotencyKey).toBeNull();
    expect(errorsOf(row)).toEqual([
      { column: 'centerId', code: 'INVALID_INPUT' },
      { column: 'hostType', code: 'INVALID_INPUT' },
      { column: 'track', code: 'INVALID_INPUT' },
      { column: 'venueId', code: 'INVALID_INPUT' },
      { column: 'startsOn', code: 'INVALID_INPUT' },
      { column: 'endsOn', code: 'INVALID_INPUT' },
      { column: 'capacity', code: 'INVALID_INPUT' },
      { column: 'feeKrw', code: 'INVALID_INPUT' },
    ]);
    expect(row.errors.map((error) => error.message).join('\n')).toMatch(
      /hostType must be one of LEARNING_CENTER, SCHOOL/,
    );
    expect(row.errors[0].field).toEqual(['input', 'centerId']);
  });

  it('refuses an end before the start and a negative fee, and accepts a one-day program', () => {
    const [backwards, oneDay] = check(
      csvLine({ startsOn: '2027-06-02', endsOn: '2027-06-01', feeKrw: '-1' }),
      csvLine({ endsOn: '2027-06-01' }),
    );
    expect(errorsOf(backwards)).toEqual([
      { column: 'endsOn', code: 'INVALID_INPUT' },
      { column: 'feeKrw', code: 'INVALID_INPUT' },
    ]);
    expect(oneDay.errors).toEqual([]);
  });

  it('reports the later of two rows that would be one program, by externalId or by identical content', () => {
    const rows = check(
      csvLine({ externalId: 'x' }),
      csvLine({ externalId: 'x', title: 'other' }),
      csvLine(),
      csvLine(),
    );
    expect(rows.map((row) => [row.line, row.errors.map((error) => error.message)])).toEqual([
      [2, []],
      [3, ['externalId "x" is already used by line 2']],
      [4, []],
      [5, [expect.stringMatching(/same program as line 4/)]],
    ]);
  });

  it('turns JSON shape problems into row errors', () => {
    const rows = checkRows(parseJsonText(JSON.stringify([['not', 'an', 'object'], { title: true }])).rows);
    expect(rows[0].errors[0]).toMatchObject({ column: null, message: expect.stringMatching(/object/) });
    expect(rows[1].errors.filter((error) => error.column === 'title').map((error) => error.message)).toEqual([
      'title must be text or a number, not true',
    ]);
  });

  it('plans a dry run: valid rows would be sent, invalid ones not, and the exit code says whether all are valid', () => {
    const plan = planRows(check(csvLine(), csvLine({ capacity: 'many' })));
    expect(plan.map((result) => result.status)).toEqual(['valid', 'invalid']);
    expect(exitCodeOf(plan)).toBe(1);
    expect(exitCodeOf(plan.slice(0, 1))).toBe(0);
  });
});

describe('sending rows (without a gateway)', () => {
  const rows = (count: number) =>
    checkRows(parseCsvText(csv(...Array.from({ length: count }, (_, i) => csvLine({ externalId: `r${i}` })))).rows);
  const answer = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const created = (id: string) =>
    answer({ data: { createProgram: { program: { id, status: 'DRAFT' }, userErrors: [] } } });

  it('keeps at most `concurrency` rows in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const fakeFetch = (async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await Promise.resolve();
      await Promise.resolve();
      inFlight--;
      return created('P');
    }) as typeof fetch;
    const results = await publishRows(rows(10), {
      gatewayUrl: 'http://gateway',
      token: 't',
      concurrency: 3,
      fetch: fakeFetch,
    });
    expect(results.map((result) => result.status)).toEqual(Array(10).fill('ok'));
    expect(most).toBe(3);
  });

  it('retries a request that got no answer with the same idempotency key, then reports what the gateway said', async () => {
    const bodies: string[] = [];
    let calls = 0;
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      bodies.push(String(init.body));
      calls++;
      if (calls === 1) throw new TypeError('fetch failed');
      if (calls === 2) return answer({ errors: [{ message: 'busy' }] }, 503);
      return answer({
        data: {
          createProgram: {
            program: null,
            userErrors: [{ code: 'NOT_FOUND', field: ['input', 'host', 'id'], message: 'no such host' }],
          },
        },
      });
    }) as typeof fetch;
    const [result] = await publishRows(rows(1), {
      gatewayUrl: 'http://gateway',
      token: 't',
      retryDelayMs: 0,
      fetch: fakeFetch,
    });
    expect(calls).toBe(3);
    expect(new Set(bodies.map((body) => JSON.parse(body).variables.input.idempotencyKey))).toEqual(new Set(['ext:r0']));
    expect(result).toMatchObject({
      status: 'failed',
      programId: null,
      errors: [{ code: 'NOT_FOUND', field: ['input', 'host', 'id'], column: 'hostId', message: 'no such host' }],
    });
  });
});

/** The programs of CENTER with this exact title, in drafts and published. */
async function programsTitled(title: string, token: string): Promise<{ id: string; status: string }[]> {
  const found: { id: string; status: string }[] = [];
  for (const status of ['DRAFT', 'PUBLISHED']) {
    const response = await graphql<{ programs: { edges: { node: { id: string; title: string; status: string } }[] } }>(
      testStack().gatewayUrl,
      'query ($filter: ProgramFilter) { programs(filter: $filter, first: 100) { edges { node { id title status } } } }',
      { filter: { centerId: CENTER, status, titleContains: title } },
      {},
      { token },
    );
    expect(response.errors).toBeUndefined();
    found.push(
      ...response
        .data!.programs.edges.map((edge) => edge.node)
        .filter((node) => node.title === title)
        .map(({ id, status }) => ({ id, status })),
    );
  }
  return found;
}

const byLine = (results: RowResult[]) => results.map((result) => [result.line, result.status]);

describe('publishing through the gateway', () => {
  let token: string;
  let directory: string;
  const send = async (file: string, options: { publish?: boolean; token?: string } = {}) =>
    publishRows(checkRows((await readRowsFile(file)).rows), {
      gatewayUrl: testStack().gatewayUrl,
      token: options.token ?? token,
      publish: options.publish,
      retryDelayMs: 0,
    });

  beforeAll(async () => {
    token = await tokenFor({ sub: 'publisher-test', role: Role.INSTITUTION, institution: `LearningCenter:${CENTER}` });
    directory = mkdtempSync(join(tmpdir(), 'publisher-test-'));
  });

  it('creates the sample programs once however often it runs, and publishes them with --publish', async () => {
    const sample = (await readRowsFile(SAMPLE)).rows;
    const titles = sample.map((row: SourceRow) => row.values.title);

    const first = await send(SAMPLE);
    expect(first.map((result) => [result.status, result.errors])).toEqual(sample.map(() => ['ok', []]));
    expect(first.every((result) => result.programId && result.programStatus === 'DRAFT')).toBe(true);

    const second = await send(SAMPLE, { publish: true });
    expect(second.map((result) => [result.status, result.programId])).toEqual(
      first.map((result) => ['ok', result.programId]),
    );
    expect(second.map((result) => result.programStatus)).toEqual(sample.map(() => 'PUBLISHED'));

    for (const [i, title] of titles.entries()) {
      expect(await programsTitled(title, token)).toEqual([{ id: first[i].programId, status: 'PUBLISHED' }]);
    }
  });

  it('reports a bad row and a refused row by line, and still creates the rest', async () => {
    const file = join(directory, 'mixed.csv');
    writeFileSync(
      file,
      csv(
        csvLine({ title: '혼합 파일 첫째 강좌', externalId: 'mixed-1' }),
        csvLine({ title: '혼합 파일 날짜 오류', startsOn: '2027-13-01', externalId: 'mixed-2' }),
        csvLine({ title: '혼합 파일 없는 분야', fieldCode: '99-9', externalId: 'mixed-3' }),
        csvLine({ title: '혼합 파일 넷째 강좌' }),
      ),
    );
    const results = await send(file);
    expect(byLine(results)).toEqual([
      [2, 'ok'],
      [3, 'invalid'],
      [4, 'failed'],
      [5, 'ok'],
    ]);
    expect(results[1].errors.map((error) => error.column)).toEqual(['startsOn']);
    expect(results[2]).toMatchObject({
      programId: null,
      errors: [expect.objectContaining({ code: 'NOT_FOUND', column: 'fieldCode' })],
    });
    expect(exitCodeOf(results)).toBe(1);

    expect(await programsTitled('혼합 파일 첫째 강좌', token)).toEqual([{ id: results[0].programId, status: 'DRAFT' }]);
    expect(await programsTitled('혼합 파일 넷째 강좌', token)).toEqual([{ id: results[3].programId, status: 'DRAFT' }]);
    expect(await programsTitled('혼합 파일 날짜 오류', token)).toEqual([]);
    expect(await programsTitled('혼합 파일 없는 분야', token)).toEqual([]);
  });

  it('reports a refused token on every row and creates nothing', async () => {
    const file = join(directory, 'bad-token.json');
    writeFileSync(
      file,
      JSON.stringify([{ ...parseCsvText(csv(csvLine({ title: '토큰 없는 강좌' }))).rows[0].values, capacity: 9 }]),
    );
    const results = await send(file, { token: 'not-a-token' });
    expect(results).toMatchObject([
      { line: 1, status: 'failed', programId: null, errors: [{ code: 'UNAUTHENTICATED' }] },
    ]);
    expect(await programsTitled('토큰 없는 강좌', token)).toEqual([]);
  });

  it('reports an unreachable gateway on every row', async () => {
    const rows = checkRows(parseCsvText(csv(csvLine({ externalId: 'a' }), csvLine({ externalId: 'b' }))).rows);
    const results = await publishRows(rows, { gatewayUrl: 'http://127.0.0.1:1/graphql', token, retries: 0 });
    expect(results.map((result) => [result.status, result.errors[0]?.code])).toEqual([
      ['failed', 'NETWORK_ERROR'],
      ['failed', 'NETWORK_ERROR'],
    ]);
  });
});

describe('npm run publish', () => {
  /** Runs scripts/publish.ts and gives its exit code and output. */
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['-r', './scripts/register.js', 'scripts/publish.ts', ...args],
        { cwd: ROOT, env: { ...process.env, BAEUMTEO_TOKEN: '', INIT_CWD: ROOT } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'publisher-cli-'));
  });

  it('exits with 2 on bad usage: no file, no token, a missing file, a header without required columns', async () => {
    writeFileSync(join(directory, 'partial.csv'), 'centerId,title\nLC1168064000,A\n');
    const outcomes = await Promise.all([
      run(['--token', 't']),
      run(['--file', SAMPLE]),
      run(['--file', join(directory, 'missing.csv'), '--token', 't']),
      run(['--file', join(directory, 'partial.csv'), '--token', 't']),
    ]);
    expect(outcomes.map((outcome) => outcome.code)).toEqual([2, 2, 2, 2]);
    expect(outcomes.map((outcome) => outcome.stderr)).toEqual([
      expect.stringMatching(/--file is required/),
      expect.stringMatching(/--token is required/),
      expect.stringMatching(/no such file/),
      expect.stringMatching(/lacks required columns: hostType, hostId/),
    ]);
  });

  it('in a dry run prints what it would create, writes the report and sends nothing, without a token', async () => {
    const file = join(directory, 'dry.csv');
    const report = join(directory, 'dry-report.json');
    writeFileSync(
      file,
      csv(
        csvLine({ title: '건식 실행 강좌', externalId: 'dry-1' }),
        csvLine({ title: '건식 실행 오류', capacity: '-3' }),
      ),
    );
    const { code, stdout, stderr } = await run([
      '--file',
      file,
      '--dry-run',
      '--report',
      report,
      '--gateway',
      'http://127.0.0.1:1/graphql',
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^line 2 \(dry-1\): create \(as DRAFT\) "건식 실행 강좌" at center LC1168064000/);
    expect(stderr).toMatch(/2 rows: 1 valid, 1 invalid/);
    expect(stderr).toMatch(
      /line 3 invalid:\n {4}INVALID_INPUT capacity: capacity must be a whole number of at least 1/,
    );
    expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual([
      expect.objectContaining({ line: 2, externalId: 'dry-1', programId: null, status: 'valid', errors: [] }),
      expect.objectContaining({
        line: 3,
        externalId: null,
        programId: null,
        status: 'invalid',
        errors: [expect.objectContaining({ column: 'capacity' })],
      }),
    ]);
  });

  it('publishes a file through the gateway and exits with 0 when every row succeeded', async () => {
    const file = join(directory, 'cli.json');
    const report = join(directory, 'cli-report.json');
    const token = await tokenFor({
      sub: 'publisher-cli-test',
      role: Role.INSTITUTION,
      institution: `LearningCenter:${CENTER}`,
    });
    writeFileSync(
      file,
      JSON.stringify([
        {
          ...parseCsvText(csv(csvLine({ title: '명령줄 게시 강좌', externalId: 'cli-1' }))).rows[0].values,
          capacity: 8,
        },
      ]),
    );
    const { code, stderr } = await run([
      '--file',
      file,
      '--token',
      token,
      '--gateway',
      testStack().gatewayUrl,
      '--publish',
      '--report',
      report,
    ]);
    expect(stderr).toMatch(/1 row: 1 ok \(published\), 0 failed/);
    expect(code).toBe(0);
    const [entry] = JSON.parse(readFileSync(report, 'utf8')) as RowResult[];
    expect(entry).toMatchObject({ line: 1, externalId: 'cli-1', status: 'ok', programStatus: 'PUBLISHED', errors: [] });
    expect(await programsTitled('명령줄 게시 강좌', token)).toEqual([{ id: entry.programId, status: 'PUBLISHED' }]);
  });
});
