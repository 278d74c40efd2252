import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExport, type ExportOptions } from '../../tools/export/export';
import { cellOf, csvLine, type ExportFormat } from '../../tools/export/format';
import { planExport, QueryError } from '../../tools/export/query';
import { parseCsvText } from '../../tools/publisher/parse';
import { ROOT } from '../support/processes';
import { graphql, testStack } from '../support/stack';
import { CENTER, createProgram, programMutation } from './support';

const GANGNAM = '11680';

/** Gangnam's published programs, 25 a page: several pages on the seeded network. */
const QUERY = `
  query GangnamPrograms($district: ID!, $after: String) {
    programs(filter: { districtCode: $district }, first: 25, after: $after) {
      totalCount
      edges { node {
        id title feeKrw
        center { district { nameEn } }
        host { __typename ... on LearningCenter { name } ... on School { name } ... on Library { name } ... on CulturalCenter { name } ... on CivilProvider { name } }
        sessions { startsAt }
      } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
const COLUMNS = [
  'id',
  'title',
  'feeKrw',
  'center.district.nameEn',
  'host.__typename',
  'host.name',
  'sessions.startsAt',
];

async function exportText(format: ExportFormat, options: Partial<ExportOptions> = {}) {
  let text = '';
  const pages: number[] = [];
  const summary = await runExport({
    gatewayUrl: testStack().gatewayUrl,
    query: QUERY,
    variables: { district: GANGNAM },
    format,
    write: (chunk) => {
      text += chunk;
    },
    onPage: ({ rows }) => pages.push(rows),
    ...options,
  });
  return { text, summary, pages };
}

/** The same programs straight from the gateway, for comparison. */
async function gangnamPrograms(): Promise<{ totalCount: number; ids: string[] }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount: number;
  do {
    const { data }: { data: any } = await graphql(
      testStack().gatewayUrl,
      `query($after: String) { programs(filter: { districtCode: "${GANGNAM}" }, first: 100, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    ids.push(...data!.programs.edges.map((edge: any) => edge.node.id));
    totalCount = data!.programs.totalCount;
    after = data!.programs.pageInfo.hasNextPage ? data!.programs.pageInfo.endCursor : null;
  } while (after);
  return { totalCount, ids };
}

describe('planning an export from the query text', () => {
  it('finds the connection and names the columns of its nodes by dotted path, in selection order, fragments merged', () => {
    const plan = planExport(QUERY);
    expect(plan.connectionPath).toEqual(['programs']);
    expect(plan.totalCountKey).toBe('totalCount');
    expect(plan.columns).toEqual(COLUMNS);
  });

  it('refuses a query without pageInfo, without $after, or with two connections, saying what is missing', () => {
    expect(() => planExport(QUERY.replace('pageInfo { hasNextPage endCursor }', ''))).toThrow(
      /no connection with `pageInfo \{ hasNextPage endCursor \}`/,
    );
    expect(() => planExport(QUERY.replace('pageInfo { hasNextPage endCursor }', 'pageInfo { hasNextPage }'))).toThrow(
      /missing: endCursor/,
    );
    expect(() => planExport(QUERY.replace(', $after: String', '').replace(', after: $after', ''))).toThrow(
      /must declare `\$after: String`/,
    );
    expect(() => planExport(QUERY.replace(', after: $after', ''))).toThrow(/must take `after: \$after`/);
    const two = `query($after: String) { a: programs(first: 5, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
      b: programs(first: 5, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    expect(() => planExport(two)).toThrow(/2 connections with pageInfo \(a, b\)/);
  });

  it('flattens lists into one column per leaf, values joined with "|" in list order', () => {
    const node = { sessions: [{ startsAt: 'a' }, { startsAt: 'b' }], tags: ['x', 'y'], none: [], host: null };
    expect(cellOf(node, 'sessions.startsAt')).toBe('a|b');
    expect(cellOf(node, 'tags')).toBe('x|y');
    expect(cellOf(node, 'none')).toBe('');
    expect(cellOf(node, 'host.name')).toBe('');
  });

  it('quotes CSV fields as RFC 4180 says: commas, quotes and line breaks inside quotes, quotes doubled, CRLF rows', () => {
    expect(csvLine(['서예, 붓글씨', '그가 "안녕" 했다', '둘째\n줄', 'plain'])).toBe(
      '"서예, 붓글씨","그가 ""안녕"" 했다","둘째\n줄",plain\r\n',
    );
  });
});

describe('exporting through the gateway', () => {
  it('writes every program of a multi-page connection as one CSV row: row count equals totalCount, same ids in order', async () => {
    const expected = await gangnamPrograms();
    const { text, summary, pages } = await exportText('csv');
    expect(summary.pages).toBeGreaterThan(1);
    expect(pages).toHaveLength(summary.pages);
    const { columns, rows } = parseCsvText(text);
    expect(columns).toEqual(COLUMNS);
    expect(rows).toHaveLength(expected.totalCount);
    expect(summary).toMatchObject({ rows: expected.totalCount, totalCount: expected.totalCount });
    expect(rows.map((row) => row.values.id)).toEqual(expected.ids);
    expect(new Set(rows.map((row) => row.values['center.district.nameEn']))).toEqual(new Set(['Gangnam-gu']));
    expect(rows.every((row) => row.values['host.name'].length > 0)).toBe(true);
  });

  it('writes the same nodes as a JSON array and as NDJSON lines', async () => {
    const expected = await gangnamPrograms();
    const json = JSON.parse((await exportText('json')).text);
    expect(json.map((node: any) => node.id)).toEqual(expected.ids);
    const lines = (await exportText('ndjson')).text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual(json);
    expect(lines[0]).toHaveProperty('center.district.nameEn', 'Gangnam-gu');
  });

  it('keeps Korean text with commas, quotes and line breaks intact in CSV, with the optional byte order mark', async () => {
    const title = `서예, "붓글씨" 교실 ${Date.now()}`;
    const description = '먹, 벼루 준비\n"초급" 환영';
    const program = await programMutation('publishProgram', { id: (await createProgram({ title, description })).id });
    const query = `query($after: String, $title: String) { programs(filter: { centerId: "${CENTER}", titleContains: $title }, first: 1, after: $after) {
      totalCount edges { node { id title description } } pageInfo { hasNextPage endCursor } } }`;
    const { text, summary } = await exportText('csv', { query, variables: { title }, bom: true });
    expect(text.startsWith('\uFEFFid,title,description\r\n')).toBe(true);
    expect(summary.rows).toBe(1);
    expect(text).toContain(`"${title.replace(/"/g, '""')}"`);
    expect(parseCsvText(text).rows.map((row) => row.values)).toEqual([{ id: program.id, title, description }]);
  });

  it('neutralises cells a spreadsheet would run as formulas: a leading =, +, -, @, tab or CR gets a quote before it', async () => {
    const title = `=HYPERLINK("http://x") ${Date.now()}`;
    const description = '@SUM(A1:A2)';
    const program = await programMutation('publishProgram', { id: (await createProgram({ title, description })).id });
    const query = `query($after: String, $title: String) { programs(filter: { centerId: "${CENTER}", titleContains: $title }, first: 1, after: $after) {
      totalCount edges { node { id title description } } pageInfo { hasNextPage endCursor } } }`;
    const { text } = await exportText('csv', { query, variables: { title } });
    expect(text).toBe(`id,title,description\r\n${program.id},"'${title.replace(/"/g, '""')}",'${description}\r\n`);
    expect(['=1', '+1', '-1', '@a', '\tx', '\rx', 'ok', '1-2'].map((cell) => csvLine([cell]))).toEqual(
      [`'=1`, `'+1`, `'-1`, `'@a`, `"'\tx"`, `"'\rx"`, 'ok', '1-2'].map((cell) => `${cell}\r\n`),
    );
  });

  it('refuses a query without pageInfo before asking the gateway anything', async () => {
    let requests = 0;
    const countingFetch = (async () => {
      requests += 1;
      throw new Error('not expected');
    }) as unknown as typeof fetch;
    const query = `query($after: String) { programs(first: 5, after: $after) { edges { node { id } } } }`;
    await expect(exportText('csv', { query, fetch: countingFetch })).rejects.toThrow(QueryError);
    expect(requests).toBe(0);
  });

  it("stops with the gateway's message when the query is wrong for the schema", async () => {
    const query = QUERY.replace('feeKrw', 'feeInWon');
    await expect(exportText('csv', { query })).rejects.toThrow(/feeInWon/);
  });
});

describe('npm run export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baeumteo-export-'));
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['-r', './scripts/register.js', 'scripts/export.ts', ...args],
        { cwd: ROOT },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  it('exports the sample query to a CSV file with one row per program of the district', async () => {
    const output = join(dir, 'gangnam.csv');
    const result = await run([
      '--query',
      'tools/export/programs.graphql',
      '--variables',
      JSON.stringify({ district: GANGNAM, first: 50 }),
      '--format',
      'csv',
      '--output',
      output,
      '--gateway',
      testStack().gatewayUrl,
    ]);
    expect(result.stderr).toMatch(/exported \d+ rows in \d+ pages as csv/);
    expect(result.code).toBe(0);
    const { columns, rows } = parseCsvText(readFileSync(output, 'utf8'));
    expect(columns.slice(0, 3)).toEqual(['id', 'title', 'track']);
    expect(columns).toContain('center.district.nameEn');
    expect(columns).toContain('certification.year'); // the city's excellence certification, empty for most
    expect(rows).toHaveLength((await gangnamPrograms()).totalCount);
    expect(existsSync(`${output}.partial`)).toBe(false);
  });

  it('exits with 2 and explains when the query lacks pageInfo, leaving no output file', async () => {
    const queryFile = join(dir, 'no-page-info.graphql');
    writeFileSync(queryFile, 'query($after: String) { programs(first: 5, after: $after) { edges { node { id } } } }');
    const output = join(dir, 'never.csv');
    const result = await run(['--query', queryFile, '--output', output, '--gateway', testStack().gatewayUrl]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pageInfo \{ hasNextPage endCursor \}/);
    expect(existsSync(output) || existsSync(`${output}.partial`)).toBe(false);
  });
});
