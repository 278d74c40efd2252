/** What the publisher tells people: the dry-run plan and the summary of a run. */
import type { RowResult } from './publisher';
import type { CheckedRow, RowError } from './row';

/** "line 4", or "item 4" for a JSON file, with the externalId when there is one. */
export function rowName(row: { line: number; externalId: string | null }, format: 'csv' | 'json' = 'csv'): string {
  return `${format === 'json' ? 'item' : 'line'} ${row.line}${row.externalId ? ` (${row.externalId})` : ''}`;
}

function errorText(error: RowError): string {
  const where = error.column ?? error.field?.join('.');
  return `${error.code}${where ? ` ${where}` : ''}: ${error.message}`;
}

/** Dry run: one line for each program that would be created. */
export function formatPlan(
  rows: readonly CheckedRow[],
  options: { publish: boolean; format?: 'csv' | 'json' },
): string {
  const verb = options.publish ? 'create and publish' : 'create (as DRAFT)';
  const lines = rows.flatMap(({ input, ...row }) => {
    if (!input) return [];
    const venue = input.venue ? ` at ${input.venue.type} ${input.venue.id}` : '';
    return [
      `${rowName(row, options.format)}: ${verb} "${input.title}" at center ${input.centerId}, host ${input.host.type} ${input.host.id}${venue}, ` +
        `${input.track} ${input.fieldCode}, ${input.startsOn}..${input.endsOn}, ${input.capacity} seats, ${input.feeKrw} KRW [key ${row.idempotencyKey}]`,
    ];
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The human summary: counts, then every row that did not succeed with its errors. */
export function formatSummary(
  results: readonly RowResult[],
  options: { dryRun: boolean; publish: boolean; format?: 'csv' | 'json' },
): string {
  const count = (status: RowResult['status']) => results.filter((result) => result.status === status).length;
  const parts = options.dryRun
    ? [`${count('valid')} valid`, `${count('invalid')} invalid`]
    : [
        `${count('ok')} ok${options.publish ? ' (published)' : ' (drafts)'}`,
        `${count('failed')} failed`,
        `${count('invalid')} invalid (not sent)`,
      ];
  const head = `${options.dryRun ? 'Dry run, nothing sent: ' : ''}${results.length} row${results.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
  const problems = results
    .filter((result) => result.errors.length > 0)
    .map((result) => {
      const program = result.programId ? ` [program ${result.programId}]` : '';
      return `  ${rowName(result, options.format)} ${result.status}${program}:\n${result.errors.map((error) => `    ${errorText(error)}`).join('\n')}`;
    });
  return [head, ...problems].join('\n') + '\n';
}
