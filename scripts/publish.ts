/**
 * `npm run publish -- --file programs.csv --token <jwt> [--gateway URL] [--dry-run]
 * [--publish] [--report report.json] [--concurrency 4]` creates a partner's
 * programs through the gateway; a re-run creates no duplicates. Exit code:
 * 0 every row succeeded, 1 some row did not, 2 bad usage or an unreadable file.
 */
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { FileError, formatOf, readRowsFile } from '../tools/publisher/parse';
import { exitCodeOf, planRows, publishRows, type RowResult } from '../tools/publisher/publisher';
import { formatPlan, formatSummary } from '../tools/publisher/report';
import { checkColumns, checkRows, REQUIRED_COLUMNS, OPTIONAL_COLUMNS } from '../tools/publisher/row';
import { fromUserDirectory, tokenFrom } from '../tools/cli';

const USAGE = `Usage: npm run publish -- --file programs.csv --token <jwt> [options]

  --file PATH         programs as CSV (header row) or JSON (array of row objects)
  --token JWT         a bearer token (or set BAEUMTEO_TOKEN); not needed with --dry-run
  --gateway URL       default http://localhost:4000/graphql
  --dry-run           check the rows and print what would be created; send nothing
  --publish           also publish each program (otherwise they stay DRAFT)
  --report PATH       write a JSON report: [{ line, externalId, programId, status, errors, ... }]
  --concurrency N     rows in flight at once, 1-32 (default 4)

Columns: ${REQUIRED_COLUMNS.join(', ')}; optional: ${OPTIONAL_COLUMNS.join(', ')}.
`;

class UsageError extends Error {}

/** npm runs scripts in the package root: paths are meant from where the user typed the command. */

function options() {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      token: { type: 'string' },
      gateway: { type: 'string', default: 'http://localhost:4000/graphql' },
      'dry-run': { type: 'boolean', default: false },
      publish: { type: 'boolean', default: false },
      report: { type: 'string' },
      concurrency: { type: 'string', default: '4' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  if (!values.file) throw new UsageError('--file is required');
  const dryRun = values['dry-run'];
  const token = tokenFrom(values.token);
  if (!token && !dryRun) throw new UsageError('--token is required (or BAEUMTEO_TOKEN), except with --dry-run');
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)
    throw new UsageError('--concurrency must be a whole number from 1 to 32');
  if (!URL.canParse(values.gateway)) throw new UsageError(`--gateway is not a URL: ${values.gateway}`);
  const file = fromUserDirectory(values.file);
  return {
    file,
    format: formatOf(file), // a wrong extension is bad usage, found before anything else
    token: token ?? '',
    gatewayUrl: values.gateway,
    dryRun,
    publish: values.publish,
    report: values.report ? fromUserDirectory(values.report) : null,
    concurrency,
  };
}

async function main(): Promise<number> {
  const opts = options();
  if (!opts) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { format } = opts;
  const { columns, rows } = await readRowsFile(opts.file);
  const { missing, unknown } = checkColumns(columns);
  if (format === 'csv' && missing.length > 0)
    throw new FileError(`the CSV header lacks required columns: ${missing.join(', ')}`);
  if (unknown.length > 0) process.stderr.write(`warning: ignoring unknown columns: ${unknown.join(', ')}\n`);
  const checked = checkRows(rows);
  // Find out now, not after sending every row, that the report cannot be written.
  const reportDirectory = opts.report ? dirname(opts.report) : null;
  if (
    reportDirectory &&
    !(await access(reportDirectory, constants.W_OK).then(
      () => true,
      () => false,
    ))
  ) {
    throw new UsageError(`--report: cannot write in ${reportDirectory}`);
  }

  let results: RowResult[];
  if (opts.dryRun) {
    process.stdout.write(formatPlan(checked, { publish: opts.publish, format }));
    results = planRows(checked);
  } else {
    const bar = new SingleBar({
      format: 'publishing [{bar}] {value}/{total} rows | {failed} failed | ETA {eta_formatted}',
      hideCursor: true,
    });
    bar.start(checked.filter((row) => row.errors.length === 0).length, 0, { failed: 0 });
    let failed = 0;
    results = await publishRows(checked, {
      gatewayUrl: opts.gatewayUrl,
      token: opts.token,
      publish: opts.publish,
      concurrency: opts.concurrency,
      onResult: (result) => {
        if (result.status !== 'ok') failed++;
        bar.increment({ failed });
      },
    });
    bar.stop();
  }
  if (opts.report) await writeFile(opts.report, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(formatSummary(results, { dryRun: opts.dryRun, publish: opts.publish, format }));
  if (opts.report) process.stderr.write(`report: ${opts.report}\n`);
  return exitCodeOf(results);
}

// exitCode rather than exit(): output still buffered for a pipe gets written.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    const usage =
      error instanceof UsageError || String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`publish: ${(error as Error).message}\n${usage ? `\n${USAGE}` : ''}`);
    process.exitCode = usage || error instanceof FileError ? 2 : 1;
  },
);
