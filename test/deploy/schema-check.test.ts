/**
 * `npm run schema:check` (scripts/schema-check.ts), run for real on temporary copies of schema/: the committed
 * files are the baseline, a copy edited the way a change would edit it is the candidate.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REGISTER, ROOT } from '../support/processes';

const SCHEMA = join(ROOT, 'schema');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Copies schema/, applies `edits` (file -> [text, replacement]), runs the check against the committed files. */
function check(
  edits: Record<string, [string | RegExp, string][]>,
  accepted?: unknown,
  args: string[] = [],
): { status: number | null; output: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'baeumteo-schema-'));
  dirs.push(dir);
  cpSync(SCHEMA, dir, { recursive: true });
  rmSync(join(dir, 'accepted-changes.json'), { force: true }); // each case starts from an empty accepted list
  for (const [file, replacements] of Object.entries(edits)) {
    const path = join(dir, file);
    let text = readFileSync(path, 'utf8');
    for (const [from, to] of replacements) {
      const edited = text.replace(from, to);
      if (edited === text) throw new Error(`the test's edit of ${file} found nothing to replace: ${from}`);
      text = edited;
    }
    writeFileSync(path, text);
  }
  if (accepted !== undefined) writeFileSync(join(dir, 'accepted-changes.json'), JSON.stringify(accepted));
  const run = spawnSync(
    process.execPath,
    ['-r', REGISTER, join(ROOT, 'scripts', 'schema-check.ts'), '--schema', dir, '--against', SCHEMA, ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return { status: run.status, output: run.stdout + run.stderr, dir };
}

const removeLibraryQuery: [string, string] = ['  library(id: ID!): Library @join__field(graph: LIBRARIES)\n', ''];

describe('npm run schema:check', () => {
  it('passes when nothing changed', () => {
    expect(check({})).toMatchObject({
      status: 0,
      output: expect.stringContaining('no unaccepted breaking change (0 accepted, 0 dangerous)'),
    });
  });

  it('fails on a removed field', () => {
    const { status, output } = check({ 'supergraph.graphql': [removeLibraryQuery] });
    expect(status).toBe(1);
    expect(output).toContain('BREAKING   supergraph: Query.library was removed. (FIELD_REMOVED)');
  });

  it('fails on a field removed from one subgraph only, naming the subgraph', () => {
    const { status, output } = check({ 'libraries.graphql': [['  library(id: ID!): Library\n', '']] });
    expect(status).toBe(1);
    expect(output).toContain('BREAKING   libraries: Query.library was removed. (FIELD_REMOVED)');
  });

  it('fails on a removed enum value', () => {
    const { status, output } = check({
      'supergraph.graphql': [[/\n\s*"""[^"]*"""\n\s*SCHOOL @join__enumValue\(graph: LIBRARIES\)/, '']],
    });
    expect(status).toBe(1);
    expect(output).toContain(
      'BREAKING   supergraph: SCHOOL was removed from enum type LibraryKind. (VALUE_REMOVED_FROM_ENUM)',
    );
  });

  it('fails on an argument made required', () => {
    const { status, output } = check({
      'supergraph.graphql': [[/(libraries\([^)]*filter: LibraryFilter)\n/, '$1!\n']],
    });
    expect(status).toBe(1);
    expect(output).toContain(
      'BREAKING   supergraph: Query.libraries arg filter has changed type from LibraryFilter to LibraryFilter!. (ARG_CHANGED_KIND)',
    );
  });

  it('fails on an output field made nullable (clients may rely on a value), unless accepted', () => {
    const edit: Record<string, [RegExp, string][]> = {
      'supergraph.graphql': [[/(type Library\n[^}]*?\n {2}name): String!/, '$1: String']],
    };
    const refused = check(edit);
    expect(refused.status).toBe(1);
    expect(refused.output).toContain(
      'BREAKING   supergraph: Library.name changed type from String! to String. (FIELD_CHANGED_KIND)',
    );
    const accepted = check(edit, [
      {
        schema: 'supergraph',
        change: 'Library.name changed type from String! to String.',
        reason: 'the name may be unknown while its subgraph is down',
      },
    ]);
    expect(accepted.status).toBe(0);
    expect(accepted.output).toContain('accepted   supergraph: Library.name changed type from String! to String.');
  });

  it('passes an added optional field, and an accepted removal', () => {
    expect(
      check({
        'supergraph.graphql': [
          [removeLibraryQuery[0], `${removeLibraryQuery[0]}  libraryCount: Int @join__field(graph: LIBRARIES)\n`],
        ],
      }).status,
    ).toBe(0);
    const accepted = check({ 'supergraph.graphql': [removeLibraryQuery] }, [
      { change: 'Query.library was removed.', reason: 'no client has used it since 2026-01 (usage reports)' },
    ]);
    expect(accepted).toMatchObject({
      status: 0,
      output: expect.stringContaining('no unaccepted breaking change (1 accepted, 0 dangerous)'),
    });
  });

  it('--accept "<reason>" writes the breaking changes found into the accepted list, with the reason', () => {
    const { status, dir } = check({ 'supergraph.graphql': [removeLibraryQuery] }, undefined, [
      '--accept',
      'the library page uses libraries(filter) now',
    ]);
    expect(status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'accepted-changes.json'), 'utf8'))).toEqual([
      {
        schema: 'supergraph',
        change: 'Query.library was removed.',
        reason: 'the library page uses libraries(filter) now',
      },
    ]);
  });

  it('refuses an accepted change without a reason, with a clear error', () => {
    const { status, output } = check({ 'supergraph.graphql': [removeLibraryQuery] }, [
      { change: 'Query.library was removed.' },
    ]);
    expect(status).toBe(2);
    expect(output).toMatch(/accepted-changes\.json is not a list of \{ schema\?, change, reason \}:[\s\S]*reason/);
  });
});
