/**
 * Sends checked rows through the gateway: createProgram for each, then
 * publishProgram with --publish, a few rows at a time. Every row gets its own
 * result; a refused, failing or unreachable row never stops the others.
 */
import { columnOf, type CheckedRow, type RowError } from './row';

export type RowStatus =
  /** The program exists (created now, or by an earlier run with the same key) and, with --publish, is published. */
  | 'ok'
  /** Dry run: the row is valid and would be sent. */
  | 'valid'
  /** The row has local errors and was not sent. */
  | 'invalid'
  /** The gateway refused the row (user errors) or could not be reached. */
  | 'failed';

/** One entry of the report. */
export interface RowResult {
  line: number;
  externalId: string | null;
  programId: string | null;
  status: RowStatus;
  errors: RowError[];
  /** The program's status as the gateway answered (DRAFT, PUBLISHED ...), when known. */
  programStatus: string | null;
  idempotencyKey: string | null;
}

export interface PublishOptions {
  gatewayUrl: string;
  token: string;
  /** Also publish each program (publishProgram). */
  publish?: boolean;
  /** Rows in flight at once. */
  concurrency?: number;
  /** Retries of a request that never got an answer or got 429/502/503/504: safe, since the same key returns the same program. */
  retries?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
  /** Called as each sent row finishes. */
  onResult?: (result: RowResult) => void;
  fetch?: typeof fetch;
}

const PROGRAM_FIELDS = 'program { id status } userErrors { code field message }';
const CREATE_PROGRAM = `mutation PublisherCreateProgram($input: CreateProgramInput!) { createProgram(input: $input) { ${PROGRAM_FIELDS} } }`;
const PUBLISH_PROGRAM = `mutation PublisherPublishProgram($input: ProgramIdInput!) { publishProgram(input: $input) { ${PROGRAM_FIELDS} } }`;

interface ProgramPayload {
  program: { id: string; status: string } | null;
  userErrors: { code: string; field: string[] | null; message: string }[];
}

type Outcome = { payload: ProgramPayload } | { errors: RowError[] };

const RETRIED_STATUSES = new Set([429, 502, 503, 504]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rowError = (code: string, message: string, field: string[] | null = null): RowError => ({
  code,
  message,
  field,
  column: columnOf(field),
});

/** Dry run: what each row would do, without asking the gateway anything. */
export function planRows(rows: readonly CheckedRow[]): RowResult[] {
  return rows.map((row) => resultOf(row, row.errors.length > 0 ? 'invalid' : 'valid'));
}

function resultOf(row: CheckedRow, status: RowStatus, extra: Partial<RowResult> = {}): RowResult {
  return {
    line: row.line,
    externalId: row.externalId,
    programId: null,
    status,
    errors: row.errors,
    programStatus: null,
    idempotencyKey: row.idempotencyKey,
    ...extra,
  };
}

/** Sends the valid rows; the result list has every row, in file order. */
export async function publishRows(rows: readonly CheckedRow[], options: PublishOptions): Promise<RowResult[]> {
  const results: RowResult[] = rows.map((row) => resultOf(row, 'invalid'));
  const queue = rows.flatMap((row, index) => (row.errors.length === 0 ? [index] : []));
  const worker = async () => {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      results[index] = await sendRow(rows[index], options);
      options.onResult?.(results[index]);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, queue.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

async function sendRow(row: CheckedRow, options: PublishOptions): Promise<RowResult> {
  const input = { ...row.input!, idempotencyKey: row.idempotencyKey! };
  const created = await mutate(options, CREATE_PROGRAM, 'createProgram', input);
  if ('errors' in created) return resultOf(row, 'failed', { errors: created.errors });
  const { program, userErrors } = created.payload;
  if (!program || userErrors.length > 0)
    return resultOf(row, 'failed', { errors: userErrorsOf(created.payload), programId: program?.id ?? null });

  const done = { programId: program.id, programStatus: program.status };
  // A re-run finds its program as it is now: one already published needs nothing more.
  if (!options.publish || program.status === 'PUBLISHED') return resultOf(row, 'ok', done);
  const published = await mutate(options, PUBLISH_PROGRAM, 'publishProgram', {
    id: program.id,
    idempotencyKey: `publish:${row.idempotencyKey}`,
  });
  if ('errors' in published) return resultOf(row, 'failed', { ...done, errors: published.errors });
  if (!published.payload.program || published.payload.userErrors.length > 0) {
    return resultOf(row, 'failed', { ...done, errors: userErrorsOf(published.payload) });
  }
  return resultOf(row, 'ok', {
    programId: published.payload.program.id,
    programStatus: published.payload.program.status,
  });
}

function userErrorsOf(payload: ProgramPayload): RowError[] {
  if (payload.userErrors.length === 0)
    return [rowError('GRAPHQL_ERROR', 'the gateway answered without a program and without user errors')];
  return payload.userErrors.map((error) => rowError(error.code, error.message, error.field));
}

/** POSTs one mutation and returns its payload, or the row errors of whatever went wrong. */
async function mutate(
  options: PublishOptions,
  query: string,
  field: string,
  input: Record<string, unknown>,
): Promise<Outcome> {
  const { retries = 2, retryDelayMs = 500, timeoutMs = 30_000 } = options;
  const doFetch = options.fetch ?? fetch;
  for (let attempt = 0; ; attempt++) {
    const retry = attempt < retries;
    let response: Response;
    try {
      response = await doFetch(options.gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          authorization: `Bearer ${options.token}`,
        },
        body: JSON.stringify({ query, variables: { input } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (retry) {
        await sleep(retryDelayMs * (attempt + 1));
        continue;
      }
      return { errors: [rowError('NETWORK_ERROR', `${options.gatewayUrl} did not answer: ${causeOf(error)}`)] };
    }
    if (retry && RETRIED_STATUSES.has(response.status)) {
      await sleep(retryDelayMs * (attempt + 1));
      continue;
    }
    return outcomeOf(response, field);
  }
}

async function outcomeOf(response: Response, field: string): Promise<Outcome> {
  const text = await response.text();
  let body: {
    data?: Record<string, ProgramPayload | null> | null;
    errors?: { message: string; path?: unknown[]; extensions?: { code?: unknown } }[];
  };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return {
      errors: [rowError('HTTP_ERROR', `HTTP ${response.status} ${response.statusText}: ${text.slice(0, 200)}`)],
    };
  }
  const payload = body.data?.[field];
  if (payload) return { payload };
  if (body.errors && body.errors.length > 0) {
    return {
      errors: body.errors.map((error) =>
        rowError(typeof error.extensions?.code === 'string' ? error.extensions.code : 'GRAPHQL_ERROR', error.message),
      ),
    };
  }
  return { errors: [rowError('HTTP_ERROR', `HTTP ${response.status}: the answer has no ${field} payload`)] };
}

function causeOf(error: unknown): string {
  const { message, cause } = error as Error & { cause?: { code?: string; message?: string } };
  return cause?.code ?? cause?.message ?? message;
}

/** 0 when every row succeeded (or, in a dry run, is valid); 1 when some row did not. */
export function exitCodeOf(results: readonly RowResult[]): 0 | 1 {
  return results.every((result) => result.status === 'ok' || result.status === 'valid') ? 0 : 1;
}
