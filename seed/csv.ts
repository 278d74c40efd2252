/**
 * CSV in: csv-parse (RFC 4180: quoted fields may hold commas, line breaks and
 * "" escapes, which the Seoul open-data exports do use). Strict about quotes:
 * the shipped data is ours, so a malformed file stops the seed loudly.
 */
import { parse } from 'csv-parse/sync';

/** Splits CSV text into rows of raw string fields (a UTF-8 BOM and blank lines are skipped). */
export function parseCsvRows(text: string): string[][] {
  return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
}

/**
 * Parses CSV text whose first row is a header into records keyed by column.
 * Throws when an expected column is missing, so a changed export fails loudly
 * instead of yielding undefined fields.
 */
export function parseCsv<C extends string>(text: string, columns: readonly C[]): Record<C, string>[] {
  const [header, ...body] = parseCsvRows(text);
  if (!header) return [];
  const indexes = columns.map((column) => {
    const index = header.indexOf(column);
    if (index < 0) throw new Error(`CSV column "${column}" is missing (header: ${header.join(',')})`);
    return index;
  });
  return body.map((fields) => {
    const record = {} as Record<C, string>;
    columns.forEach((column, i) => {
      record[column] = fields[indexes[i]] ?? '';
    });
    return record;
  });
}
