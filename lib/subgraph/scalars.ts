/**
 * Date and DateTime as ISO 8601 strings. Values stay strings end to end (the
 * databases store them as text), so no time zone is ever guessed.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isValidDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function isValidDateTime(value: string): boolean {
  return DATE_TIME.test(value) && isValidDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}

function stringScalar(name: string, description: string, isValid: (value: string) => boolean, example: string) {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !isValid(value)) {
      throw new GraphQLError(`${name} must be a string like "${example}", got ${JSON.stringify(value)}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) =>
      value instanceof Date ? value.toISOString().slice(0, name === 'Date' ? 10 : undefined) : check(value),
    parseValue: check,
    parseLiteral: (ast) => check(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

export const DateScalar = stringScalar('Date', 'A calendar date, ISO 8601 (YYYY-MM-DD).', isValidDate, '2026-03-02');
export const DateTimeScalar = stringScalar(
  'DateTime',
  'A point in time, ISO 8601 with an offset (2026-03-02T19:00:00+09:00).',
  isValidDateTime,
  '2026-03-02T19:00:00+09:00',
);
