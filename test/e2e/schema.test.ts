import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SUBGRAPH_NAMES } from '../../lib/config';
import { nullabilityViolations } from '../../lib/partial-answers';
import { ROOT } from '../support/processes';
import { openSubgraphDatabase, testStack } from '../support/stack';

describe('the committed schema', () => {
  it('is what `npm run compose` generates from the code', async () => {
    const run = promisify(execFile)(
      process.execPath,
      ['-r', join(ROOT, 'scripts', 'register.js'), join(ROOT, 'scripts', 'compose.ts'), '--check'],
      { cwd: ROOT },
    );
    await expect(run).resolves.toMatchObject({ stdout: expect.stringContaining('up to date') });
  }, 60_000);
});

const onPostgres = testStack().env.DATABASE_URL ? describe : describe.skip;

onPostgres('the PostgreSQL migrations', () => {
  it.each(SUBGRAPH_NAMES)('of %s leave nothing for the entities to change', async (name) => {
    const orm = await openSubgraphDatabase(name);
    try {
      expect(await orm.schema.getUpdateSchemaSQL({ safe: true, wrap: false })).toBe('');
    } finally {
      await orm.close(true);
    }
  });
});

describe('the partial-answer rule (lib/partial-answers.ts)', () => {
  const supergraph = () => readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8');

  it('holds for the composed supergraph: every field another subgraph fills is nullable', () => {
    expect(nullabilityViolations(supergraph()).map((v) => v.message)).toEqual([]);
  });

  it('finds a contributed field, a reference field and an entity without an owner when they are non-null', () => {
    const broken = supergraph()
      .replace(
        /culturalCenters: \[CulturalCenter!\] @join__field\(graph: CULTURAL_CENTERS\)/,
        'culturalCenters: [CulturalCenter!]! @join__field(graph: CULTURAL_CENTERS)',
      )
      .replace(/\n {2}host: Institution\n/, '\n  host: Institution!\n')
      .concat('\ntype Orphan @join__type(graph: CENTERS, key: "id") { id: ID! }\n');
    expect(
      nullabilityViolations(broken)
        .map(({ field, kind }) => ({ field, kind }))
        .sort((a, b) => a.field.localeCompare(b.field)),
    ).toEqual([
      { field: 'Dong.culturalCenters', kind: 'contributed' },
      { field: 'Orphan', kind: 'unowned entity' },
      { field: 'Program.host', kind: 'reference' },
    ]);
  });
});
