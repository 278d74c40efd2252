/**
 * Reads a partner's programs file into raw rows: CSV (first row is the
 * header) or JSON (an array of row objects), chosen by the file extension.
 * Every row remembers where it came from, so errors can name it.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';

export interface SourceRow {
  /** CSV: the line the record starts on (the header is line 1). JSON: the 1-based position in the array. */
  line: number;
  /** Cell values by column name, trimmed; a column the row does not give is absent. */
  values: Record<string, string>;
  /** What was wrong with the row's shape (too many cells, a value that is not text): reported with its other errors. */
  problems: { column: string | null; message: string }[];
}

/** The file as a whole cannot be read as rows (not a row-level problem). */
export class FileError extends Error {}

export type FileFormat = 'csv' | 'json';

export function formatOf(path: string): FileFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.json') return 'json';
  throw new FileError(`${path}: expected a .csv or .json file`);
}

export interface RowsFile {
  /** The columns the file names: the CSV header, or every key some JSON row uses. */
  columns: string[];
  rows: SourceRow[];
}

export async function readRowsFile(path: string): Promise<RowsFile> {
  const format = formatOf(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new FileError(
      `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  return format === 'csv' ? parseCsvText(text) : parseJsonText(text);
}

interface CsvRecord {
  /** The line the record starts on (the header is line 1). */
  line: number;
  fields: string[];
  /** Why csv-parse could not read the record (its cells are then unknown). */
  unreadable?: string;
}

const LINE_BREAK = /\r\n|\n|\r/g;

/**
 * Reads CSV records with csv-parse, each with the line it starts on. `relax_quotes`: a quote inside an
 * unquoted cell (`x"y,z`) is just a character, so that row gets an extra cell and is reported, and the rows
 * after it are still read; a record csv-parse cannot read at all (a quote never closed) is kept as a problem row.
 */
function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let lastLine = 0; // where the previous record ended: an unreadable record starts after it
  parse(text, {
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record, { lines }) => {
      // `lines` is the line the record ends on; it spans as many lines as its quoted cells hold breaks.
      records.push({ line: lines - (record.join('').match(LINE_BREAK)?.length ?? 0), fields: record });
      lastLine = lines;
      return null; // kept here, not in parse's result
    },
    on_skip: (error) => {
      if (!error) return undefined;
      records.push({ line: lastLine + 1, fields: [], unreadable: error.code });
      lastLine = (error as CsvError & { lines?: number }).lines ?? lastLine;
      return undefined;
    },
  });
  return records;
}

const isBlank = (fields: string[]): boolean => fields.every((field) => field.trim() === '');

const UNREADABLE: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quote opened on this row is never closed: it runs to the end of the file',
};

export function parseCsvText(text: string): RowsFile {
  const records = csvRecords(text).filter((record) => record.unreadable || !isBlank(record.fields)); // blank lines, and the ",,,," lines spreadsheets leave behind
  const [header, ...body] = records;
  if (!header || header.unreadable)
    throw new FileError(
      header ? 'the CSV header cannot be read' : 'the CSV file is empty: expected a header row and program rows',
    );
  const columns = header.fields.map((name) => name.trim());
  const seen = new Set<string>();
  for (const column of columns) {
    if (column === '') throw new FileError('the CSV header has an empty column name');
    if (seen.has(column)) throw new FileError(`the CSV header names column "${column}" twice`);
    seen.add(column);
  }
  const rows = body.map(({ line, fields, unreadable }): SourceRow => {
    const values: Record<string, string> = {};
    columns.forEach((column, i) => {
      if (fields[i] !== undefined) values[column] = fields[i].trim();
    });
    // More cells than columns means shifted values, most often an unquoted comma or quote.
    const problems: SourceRow['problems'] = [];
    if (fields.length > columns.length) {
      problems.push({
        column: null,
        message: `the row has ${fields.length} cells but the header ${columns.length} columns (quote values that contain commas or quotes)`,
      });
    }
    if (unreadable)
      problems.push({
        column: null,
        message: UNREADABLE[unreadable] ?? `the row cannot be read as CSV (${unreadable})`,
      });
    return { line, values, problems };
  });
  return { columns, rows };
}

export function parseJsonText(text: string): RowsFile {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new FileError(`the JSON file is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new FileError('the JSON file must hold an array of row objects');
  const rows = data.map((item, index): SourceRow => {
    const row: SourceRow = { line: index + 1, values: {}, problems: [] };
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      row.problems.push({ column: null, message: 'each item of the array must be an object of columns' });
      return row;
    }
    for (const [column, value] of Object.entries(item as Record<string, unknown>)) {
      if (value === null || value === undefined) continue;
      // Numbers are fine (capacity: 20); validation then reads them like CSV text.
      if (typeof value === 'string' || typeof value === 'number') row.values[column] = String(value).trim();
      else row.problems.push({ column, message: `${column} must be text or a number, not ${JSON.stringify(value)}` });
    }
    return row;
  });
  return { columns: [...new Set(rows.flatMap((row) => Object.keys(row.values)))], rows };
}
