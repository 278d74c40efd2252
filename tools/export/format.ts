/**
 * Rows out: CSV (RFC 4180, formulas neutralised, one column per leaf of the node, dotted path as
 * its name), JSON (one array) and NDJSON (one node per line).
 *
 * Lists in CSV: one column per leaf path all the same, its values in list
 * order joined with "|" (`sessions.startsAt` = "2026-03-02T19:00:00+09:00|2026-03-09T19:00:00+09:00").
 * Columns stay fixed whatever the data (indexed columns would depend on the
 * longest list), and the values of one list item stay aligned across columns.
 * A "|" inside a listed value is not escaped.
 */

import { stringify } from 'csv-stringify/sync';

export type ExportFormat = 'csv' | 'json' | 'ndjson';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'ndjson'];
export const LIST_SEPARATOR = '|';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function scalarText(value: Json | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value); // a JSON scalar selected as a leaf
  return String(value);
}

/** The values at a dotted path, lists flattened in order. */
function valuesAt(value: Json | undefined, path: readonly string[]): (Json | undefined)[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return [value];
  if (value === null || value === undefined || typeof value !== 'object') return [undefined];
  return valuesAt(value[path[0]], path.slice(1));
}

/** One CSV cell: a leaf's value, or the values of the lists on its path joined with "|" (an empty list gives ""). */
export function cellOf(node: Json, column: string): string {
  return valuesAt(node, column.split('.')).map(scalarText).join(LIST_SEPARATOR);
}

/**
 * One CSV row (csv-stringify): RFC 4180 quoting when a cell holds a comma, quote, CR or LF (or edge spaces,
 * which spreadsheets trim), quotes doubled, CRLF. Safe to open in a spreadsheet: a cell starting with =, +, -,
 * @, tab or CR (or their full-width forms) is prefixed with ' so it is shown as text, never run as a formula.
 */
export const csvLine = (fields: readonly string[]): string =>
  stringify([fields], { record_delimiter: '\r\n', escape_formulas: true, quoted_match: /^\s|\s$|[\r\n]/ });

/** Writes a format's text piece by piece: the start, each page of nodes, the end. */
export interface RowEncoder {
  start(): string;
  rows(nodes: readonly Json[]): string;
  end(): string;
}

export function encoderFor(
  format: ExportFormat,
  columns: readonly string[],
  options: { bom?: boolean } = {},
): RowEncoder {
  const bom = options.bom ? '\uFEFF' : '';
  switch (format) {
    case 'csv':
      return {
        start: () => bom + csvLine(columns),
        rows: (nodes) => nodes.map((node) => csvLine(columns.map((column) => cellOf(node, column)))).join(''),
        end: () => '',
      };
    case 'ndjson':
      return {
        start: () => bom,
        rows: (nodes) => nodes.map((node) => `${JSON.stringify(node)}\n`).join(''),
        end: () => '',
      };
    case 'json': {
      let first = true;
      return {
        start: () => `${bom}[`,
        rows: (nodes) =>
          nodes
            .map((node) => {
              const text = `${first ? '\n' : ',\n'}${JSON.stringify(node)}`;
              first = false;
              return text;
            })
            .join(''),
        end: () => (first ? ']\n' : '\n]\n'),
      };
    }
  }
}

export type { Json };
