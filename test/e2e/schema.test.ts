import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SUBGRAPH_NAMES } from '../../lib/config';
import { openSubgraphDatabase, testStack } from '../support/stack';

const ROOT = join(__dirname, '..', '..');

describe('the committed schema', () => {
  it('is what `npm run compose` generates from the code', async () => {
    const run = promisify(execFile)(process.execPath, ['-r', join(ROOT, 'scripts', 'register.js'), join(ROOT, 'scripts', 'compose.ts'), '--check'], { cwd: ROOT });
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
