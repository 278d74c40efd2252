import { raw } from '@mikro-orm/core';

/**
 * A case-insensitive "contains" condition that means the same on SQLite and
 * PostgreSQL: the text's own `%`, `_` and `!` match literally (SQLite's LIKE
 * has no default escape character, PostgreSQL's is a backslash, so neither
 * default can be relied on). Spread it into a where: `{ ...containsText('name', text) }`.
 */
export function containsText(column: string, text: string): Record<string, never[]> {
  return likeCondition((alias) => `lower(${alias}.${column})`, text);
}

/**
 * The same condition on a column that already holds `lower(x)` (a generated
 * column): nothing is lowered per row, and an index holding the column can
 * answer it alone.
 */
export function foldedContainsText(foldedColumn: string, text: string): Record<string, never[]> {
  return likeCondition((alias) => `${alias}.${foldedColumn}`, text);
}

function likeCondition(folded: (alias: string) => string, text: string): Record<string, never[]> {
  const pattern = `%${text.replace(/[!%_]/g, '!$&')}%`;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- raw() is typed any, to fit any query position
  const condition = raw((alias: string) => `${folded(alias)} like lower(?) escape '!'`, [pattern]);
  return { [condition as unknown as string]: [] };
}
