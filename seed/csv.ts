/**
 * A small RFC 4180 CSV reader: quoted fields may hold commas, line breaks and
 * "" escapes, which the Seoul open-data exports do use.
 */

/** Splits CSV text into rows of raw string fields. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0; // tolerate a UTF-8 BOM
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else inQuotes = false;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === '')); // blank lines
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
