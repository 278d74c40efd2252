/**
 * One row of a programs file: checked locally (required columns, enums,
 * dates, integers) and mapped to the gateway's CreateProgramInput, with the
 * idempotency key that makes a re-run return the program created the first time.
 */
import { createHash } from 'node:crypto';
import type { SourceRow } from './parse';

export const INSTITUTION_TYPES = ['LEARNING_CENTER', 'SCHOOL', 'LIBRARY', 'CULTURAL_CENTER', 'CIVIL_PROVIDER'] as const;
export const VENUE_TYPES = ['SCHOOL_SPACE', 'LIBRARY_SPACE', 'CULTURAL_SPACE', 'CENTER_SPACE'] as const;
export const TRACKS = ['LIFE_CULTURE', 'VOCATIONAL_CAPACITY', 'LOCAL_PROBLEM_SOLVING'] as const;

export type InstitutionType = (typeof INSTITUTION_TYPES)[number];
export type VenueType = (typeof VENUE_TYPES)[number];
export type Track = (typeof TRACKS)[number];

/** The gateway's CreateProgramInput, without the idempotency key. */
export interface CreateProgramInput {
  centerId: string;
  host: { type: InstitutionType; id: string };
  title: string;
  description: string | null;
  track: Track;
  fieldCode: string;
  venue: { type: VenueType; id: string } | null;
  startsOn: string;
  endsOn: string;
  capacity: number;
  feeKrw: number;
}

/**
 * The columns of a programs file and where each lands in CreateProgramInput,
 * so a server error on ["input", "host", "id"] can name the column "hostId".
 * Ids come before types: an error on a whole ref (["input", "venue"]) names the id.
 */
const COLUMN_PATHS = {
  centerId: ['input', 'centerId'],
  hostId: ['input', 'host', 'id'],
  hostType: ['input', 'host', 'type'],
  title: ['input', 'title'],
  description: ['input', 'description'],
  track: ['input', 'track'],
  fieldCode: ['input', 'fieldCode'],
  venueId: ['input', 'venue', 'id'],
  venueType: ['input', 'venue', 'type'],
  startsOn: ['input', 'startsOn'],
  endsOn: ['input', 'endsOn'],
  capacity: ['input', 'capacity'],
  feeKrw: ['input', 'feeKrw'],
  externalId: ['input', 'idempotencyKey'],
} as const;
export type Column = keyof typeof COLUMN_PATHS;

export const REQUIRED_COLUMNS: readonly Column[] = [
  'centerId',
  'hostType',
  'hostId',
  'title',
  'track',
  'fieldCode',
  'startsOn',
  'endsOn',
  'capacity',
  'feeKrw',
];
export const OPTIONAL_COLUMNS: readonly Column[] = ['description', 'venueType', 'venueId', 'externalId'];
export const COLUMNS: readonly Column[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** A problem of one row: found locally, or a user error / GraphQL error / HTTP failure from the gateway. */
export interface RowError {
  /** A UserErrorCode, or GRAPHQL_ERROR / HTTP_ERROR / NETWORK_ERROR. */
  code: string;
  message: string;
  /** The input path, e.g. ["input", "startsOn"]; null for the row as a whole. */
  field: string[] | null;
  /** The file column the error is about, when it is about one. */
  column: Column | null;
}

/** The column an input path points at: exactly, or the first column under it. */
export function columnOf(field: readonly string[] | null | undefined): Column | null {
  if (!field || field.length === 0) return null;
  const entries = Object.entries(COLUMN_PATHS) as [Column, readonly string[]][];
  const under = (path: readonly string[]) => field.every((part, i) => path[i] === part);
  return (
    (entries.find(([, path]) => path.length === field.length && under(path)) ??
      entries.find(([, path]) => under(path)))?.[0] ?? null
  );
}

export function invalid(column: Column | null, message: string): RowError {
  return { code: 'INVALID_INPUT', message, field: column ? [...COLUMN_PATHS[column]] : null, column };
}

export interface CheckedRow {
  line: number;
  externalId: string | null;
  /** What the gateway gets; null when the row has errors. */
  input: CreateProgramInput | null;
  idempotencyKey: string | null;
  /** Empty when the row can be sent. */
  errors: RowError[];
}

const MAX_INT = 2 ** 31 - 1; // GraphQL Int
const MAX_EXTERNAL_ID = 150; // the key is "ext:" + externalId, and the server takes at most 200 characters
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD ("2027-02-30" is not). */
export function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Reads one row's cells, collecting every problem instead of stopping at the first. */
class RowReader {
  readonly errors: RowError[] = [];
  private readonly flagged: Set<string>;

  constructor(private readonly row: SourceRow) {
    for (const problem of row.problems) this.errors.push(invalid(problem.column as Column | null, problem.message));
    this.flagged = new Set(row.problems.flatMap((problem) => (problem.column ? [problem.column] : [])));
  }

  /** The trimmed cell, or null when empty; a column already reported stays quiet. */
  optional(column: Column): string | null {
    if (this.flagged.has(column)) return null;
    const value = this.row.values[column];
    return value === undefined || value === '' ? null : value;
  }

  required(column: Column): string | null {
    const value = this.optional(column);
    if (value === null && !this.flagged.has(column)) this.fail(column, `${column} is required`);
    return value;
  }

  oneOf<T extends string>(column: Column, allowed: readonly T[], value = this.required(column)): T | null {
    if (value === null) return null;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(column, `${column} must be one of ${allowed.join(', ')} (got "${value}")`);
  }

  date(column: Column): string | null {
    const value = this.required(column);
    if (value === null || isDate(value)) return value;
    return this.fail(column, `${column} must be a date written YYYY-MM-DD (got "${value}")`);
  }

  integer(column: Column, min: number, what: string): number | null {
    const value = this.required(column);
    if (value === null) return null;
    const number = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(number) && number >= min && number <= MAX_INT) return number;
    return this.fail(column, `${column} must be ${what} (got "${value}")`);
  }

  fail(column: Column | null, message: string): null {
    this.errors.push(invalid(column, message));
    return null;
  }
}

/** Checks one row and maps it to CreateProgramInput; the idempotency key is added by checkRows. */
export function checkRow(row: SourceRow): Omit<CheckedRow, 'idempotencyKey'> {
  const read = new RowReader(row);
  const externalId = read.optional('externalId');
  if (externalId !== null && [...externalId].length > MAX_EXTERNAL_ID) {
    read.fail('externalId', `externalId must be at most ${MAX_EXTERNAL_ID} characters`);
  }
  const centerId = read.required('centerId');
  const hostType = read.oneOf('hostType', INSTITUTION_TYPES);
  const hostId = read.required('hostId');
  const title = read.required('title');
  const description = read.optional('description');
  const track = read.oneOf('track', TRACKS);
  const fieldCode = read.required('fieldCode');
  const venueTypeText = read.optional('venueType');
  const venueId = read.optional('venueId');
  const venueType = venueTypeText === null ? null : read.oneOf('venueType', VENUE_TYPES, venueTypeText);
  if ((venueTypeText === null) !== (venueId === null)) {
    read.fail(venueId === null ? 'venueId' : 'venueType', 'venueType and venueId go together: give both or neither');
  }
  const startsOn = read.date('startsOn');
  const endsOn = read.date('endsOn');
  if (startsOn && endsOn && endsOn < startsOn)
    read.fail('endsOn', `endsOn (${endsOn}) must not be before startsOn (${startsOn})`);
  const capacity = read.integer('capacity', 1, 'a whole number of at least 1');
  const feeKrw = read.integer('feeKrw', 0, 'a whole number of won, 0 or more');

  if (read.errors.length > 0) return { line: row.line, externalId, input: null, errors: read.errors };
  const input: CreateProgramInput = {
    centerId: centerId!,
    host: { type: hostType!, id: hostId! },
    title: title!,
    description,
    track: track!,
    fieldCode: fieldCode!,
    venue: venueType && venueId ? { type: venueType, id: venueId } : null,
    startsOn: startsOn!,
    endsOn: endsOn!,
    capacity: capacity!,
    feeKrw: feeKrw!,
  };
  return { line: row.line, externalId, input, errors: [] };
}

/**
 * The key the server remembers a created program by (per token subject): the
 * partner's externalId when given, otherwise a hash of everything the row says,
 * so the same row sent again is the same program, and a changed row a new one.
 */
export function idempotencyKeyOf(externalId: string | null, input: CreateProgramInput): string {
  if (externalId !== null) return `ext:${externalId}`;
  const { centerId, host, title, description, track, fieldCode, venue, startsOn, endsOn, capacity, feeKrw } = input;
  const content = [
    centerId,
    host.type,
    host.id,
    title,
    description,
    track,
    fieldCode,
    venue?.type ?? null,
    venue?.id ?? null,
    startsOn,
    endsOn,
    capacity,
    feeKrw,
  ];
  return `row:${createHash('sha256').update(JSON.stringify(content)).digest('hex')}`;
}

/**
 * Checks every row and gives each valid one its idempotency key. Two rows with
 * one key would silently become one program, so the later one is an error.
 */
export function checkRows(rows: readonly SourceRow[]): CheckedRow[] {
  const lineOfExternalId = new Map<string, number>();
  const lineOfKey = new Map<string, number>();
  return rows.map((row) => {
    const checked: CheckedRow = { ...checkRow(row), idempotencyKey: null };
    const { externalId, input } = checked;
    if (externalId !== null) {
      const earlier = lineOfExternalId.get(externalId);
      if (earlier === undefined) lineOfExternalId.set(externalId, row.line);
      else checked.errors.push(invalid('externalId', `externalId "${externalId}" is already used by line ${earlier}`));
    }
    if (input && checked.errors.length === 0) {
      const key = idempotencyKeyOf(externalId, input);
      const earlier = lineOfKey.get(key);
      if (earlier === undefined) {
        lineOfKey.set(key, row.line);
        checked.idempotencyKey = key;
      } else {
        checked.errors.push(
          invalid(
            null,
            `the same program as line ${earlier}: identical rows make one program; give each an externalId to create both`,
          ),
        );
      }
    }
    if (checked.errors.length > 0) checked.input = null;
    return checked;
  });
}

/** Columns a file must have but lacks, and columns it has that the publisher ignores. */
export function checkColumns(columns: readonly string[]): { missing: Column[]; unknown: string[] } {
  return {
    missing: REQUIRED_COLUMNS.filter((column) => !columns.includes(column)),
    unknown: columns.filter((column) => !(COLUMNS as readonly string[]).includes(column)),
  };
}
