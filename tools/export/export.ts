/**
 * Runs an export query through the gateway page by page, following the
 * connection's cursors to the end, and writes its nodes as rows while it goes
 * (nothing is held beyond one page).
 */
import { print } from 'graphql';
import { encoderFor, type ExportFormat, type Json } from './format';
import { planExport, type ExportPlan } from './query';

export class ExportError extends Error {}

export interface ExportOptions {
  gatewayUrl: string;
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  token?: string;
  format: ExportFormat;
  /** Byte order mark first, for spreadsheets that guess the encoding (Excel). */
  bom?: boolean;
  /** Receives the text in order; awaited, so a slow file holds back the next page. */
  write: (chunk: string) => Promise<void> | void;
  /** After each page: rows written so far, and the connection's totalCount when selected. */
  onPage?: (progress: { rows: number; pages: number; totalCount: number | null }) => void;
  fetch?: typeof fetch;
}

export interface ExportSummary {
  rows: number;
  pages: number;
  totalCount: number | null;
  columns: string[];
}

interface Page {
  nodes: Json[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number | null;
}

async function request(options: ExportOptions, plan: ExportPlan, after: string | null): Promise<Record<string, Json>> {
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(options.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify({
        query: print(plan.document),
        operationName: plan.operationName,
        variables: { ...options.variables, after },
      }),
    });
  } catch (error) {
    throw new ExportError(`cannot reach the gateway at ${options.gatewayUrl}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: { data?: Record<string, Json> | null; errors?: { message: string }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new ExportError(`the gateway answered HTTP ${response.status} with no GraphQL result: ${text.slice(0, 200)}`);
  }
  // Rows missing from a page would go unnoticed in the file: any error stops the export.
  if (body.errors?.length)
    throw new ExportError(`the gateway answered with errors: ${body.errors.map((e) => e.message).join('; ')}`);
  if (!body.data) throw new ExportError(`the gateway answered HTTP ${response.status} without data`);
  return body.data;
}

function pageOf(data: Record<string, Json>, plan: ExportPlan): Page {
  let value: Json | undefined = data;
  for (const [i, key] of plan.connectionPath.entries()) {
    if (Array.isArray(value)) {
      throw new ExportError(
        `${plan.connectionPath.slice(0, i).join('.')} is a list: export follows one connection, not one per list item`,
      );
    }
    value = value && typeof value === 'object' ? value[key] : undefined;
  }
  const where = plan.connectionPath.join('.');
  if (value === null || value === undefined) throw new ExportError(`${where} is null in the result`);
  const connection = value as Record<string, Json> & {
    pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
  };
  const listed = (connection[plan.nodesKey] ?? []) as Json[];
  const nodes =
    plan.nodesVia === 'edges' ? listed.map((edge) => (edge as Record<string, Json>)[plan.nodeKey!]) : listed;
  const { hasNextPage, endCursor } = connection.pageInfo ?? {};
  const totalCount = plan.totalCountKey ? (connection[plan.totalCountKey] as number | null) : null;
  return { nodes, hasNextPage: Boolean(hasNextPage), endCursor: endCursor ?? null, totalCount };
}

export async function runExport(options: ExportOptions): Promise<ExportSummary> {
  const plan = planExport(options.query, options.operationName);
  const encoder = encoderFor(options.format, plan.columns, { bom: options.bom });
  await options.write(encoder.start());
  let after = (options.variables?.after as string | undefined) ?? null;
  const summary: ExportSummary = { rows: 0, pages: 0, totalCount: null, columns: plan.columns };
  for (;;) {
    const page = pageOf(await request(options, plan, after), plan);
    summary.pages += 1;
    summary.rows += page.nodes.length;
    summary.totalCount ??= page.totalCount;
    if (page.nodes.length > 0) await options.write(encoder.rows(page.nodes));
    options.onPage?.({ rows: summary.rows, pages: summary.pages, totalCount: summary.totalCount });
    if (!page.hasNextPage) break;
    if (!page.endCursor || page.endCursor === after)
      throw new ExportError(`page ${summary.pages} says there is a next page but gives no new endCursor`);
    after = page.endCursor;
  }
  await options.write(encoder.end());
  return summary;
}
