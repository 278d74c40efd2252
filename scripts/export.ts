/**
 * `npm run export -- --query file.graphql [--variables '{"a":1}' | --variables-file v.json]
 * --format csv|json|ndjson [--output out.csv] [--bom] [--gateway URL] [--token JWT]`
 * runs a query through the gateway, follows its connection's cursors to the
 * end and writes the nodes as rows (tools/export). Exit code: 0 done,
 * 1 the export failed, 2 bad usage or an unreadable file.
 */
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { runExport } from '../tools/export/export';
import { EXPORT_FORMATS, LIST_SEPARATOR, type ExportFormat } from '../tools/export/format';
import { QueryError } from '../tools/export/query';
import { fromUserDirectory, tokenFrom } from '../tools/cli';

const USAGE = `Usage: npm run export -- --query file.graphql --format csv|json|ndjson [options]

  --query PATH           a GraphQL query declaring \`$after: String\`, with one connection that takes
                         \`after: $after\` and selects edges { node { ... } } and pageInfo { hasNextPage endCursor }
                         (example: tools/export/programs.graphql)
  --variables JSON       variables, e.g. '{"district":"11680"}'
  --variables-file PATH  variables from a JSON file
  --operation NAME       the operation to run, when the file holds several
  --format FORMAT        csv (one row per node, nested fields as dotted columns such as
                         center.district.nameEn, lists joined with "${LIST_SEPARATOR}"), json (an array of nodes)
                         or ndjson (one node per line); default: from --output's extension, else csv
  --output PATH          write here (replaced only once the export is complete); default: standard output
  --bom                  start with a UTF-8 byte order mark, so Excel reads Korean text right
  --gateway URL          default http://localhost:4000/graphql
  --token JWT            a bearer token (or set BAEUMTEO_TOKEN), for what only some roles see
`;

class UsageError extends Error {}

/** npm runs scripts in the package root: paths are meant from where the user typed the command. */

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(fromUserDirectory(path), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

function parseVariables(text: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where} is not JSON: ${(error as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${where} must be a JSON object`);
  return value as Record<string, unknown>;
}

async function options() {
  const { values } = parseArgs({
    options: {
      query: { type: 'string' },
      variables: { type: 'string' },
      'variables-file': { type: 'string' },
      operation: { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      bom: { type: 'boolean', default: false },
      gateway: { type: 'string', default: 'http://localhost:4000/graphql' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  if (!values.query) throw new UsageError('--query is required');
  if (values.variables && values['variables-file'])
    throw new UsageError('give --variables or --variables-file, not both');
  const fromExtension = values.output ? extname(values.output).slice(1).toLowerCase() : '';
  const format = values.format ?? (EXPORT_FORMATS.includes(fromExtension as ExportFormat) ? fromExtension : 'csv');
  if (!EXPORT_FORMATS.includes(format as ExportFormat))
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got ${format}`);
  if (!URL.canParse(values.gateway)) throw new UsageError(`--gateway is not a URL: ${values.gateway}`);
  const variables = values.variables
    ? parseVariables(values.variables, '--variables')
    : values['variables-file']
      ? parseVariables(await readText(values['variables-file'], 'the variables file'), values['variables-file'])
      : {};
  return {
    query: await readText(values.query, 'the query file'),
    operationName: values.operation,
    variables,
    format: format as ExportFormat,
    output: values.output ? fromUserDirectory(values.output) : null,
    bom: values.bom,
    gatewayUrl: values.gateway,
    token: tokenFrom(values.token),
  };
}

/** Writes and waits when the stream's buffer is full. */
async function writeTo(stream: Writable, chunk: string): Promise<void> {
  if (chunk && !stream.write(chunk)) await once(stream, 'drain');
}

async function main(): Promise<number> {
  const opts = await options();
  if (!opts) {
    process.stdout.write(USAGE);
    return 0;
  }
  // A file appears only complete: the rows go to a side file renamed at the end.
  const partial = opts.output ? `${opts.output}.partial` : null;
  const stream: Writable = partial ? createWriteStream(partial) : process.stdout;
  const bar = new SingleBar({
    format: 'exporting [{bar}] {value}/{total} rows | {pages} pages | ETA {eta_formatted}',
    hideCursor: true,
  });
  let barStarted = false;
  try {
    const summary = await runExport({
      ...opts,
      write: (chunk) => writeTo(stream, chunk),
      onPage: ({ rows, pages, totalCount }) => {
        if (!barStarted) {
          bar.start(totalCount ?? rows, 0, { pages });
          barStarted = true;
        }
        if (totalCount === null) bar.setTotal(rows);
        bar.update(rows, { pages });
      },
    });
    if (barStarted) bar.stop();
    if (partial && opts.output) {
      stream.end();
      await once(stream, 'finish');
      await rename(partial, opts.output);
    }
    const count =
      summary.totalCount !== null && summary.totalCount !== summary.rows
        ? ` (totalCount said ${summary.totalCount})`
        : '';
    process.stderr.write(
      `exported ${summary.rows} rows${count} in ${summary.pages} pages as ${opts.format}${opts.output ? ` to ${opts.output}` : ''}\n`,
    );
    return 0;
  } catch (error) {
    if (barStarted) bar.stop();
    if (partial) {
      // The side file may still be opening (the query can fail before the first row): removed once it is closed,
      // or its late creation would leave it behind (seen on Node 24).
      const closed = once(stream, 'close');
      stream.destroy();
      await closed;
      await rm(partial, { force: true });
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    const usage =
      error instanceof UsageError || String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`export: ${(error as Error).message}\n${usage ? `\n${USAGE}` : ''}`);
    process.exitCode = usage || error instanceof QueryError ? 2 : 1;
  },
);
