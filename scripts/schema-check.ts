/**
 * `npm run schema:check [-- --against <dir|file>] [--schema <dir>] [--accepted <file>]`: fails when the schema in
 * schema/ breaks clients or the gateway compared with the main branch: the composed API schema (what clients see:
 * the supergraph without federation's internals) and each subgraph's SDL (what the gateway plans against). Breaking
 * and dangerous changes are graphql-js's own (findBreakingChanges, findDangerousChanges): removed or retyped fields,
 * arguments or input fields made required, enum values or types removed, ...
 *
 * The baseline is, by default, the schema/ of the merge-base of HEAD with origin/main (or main), read with
 * `git show`; `--against` names a directory of schema files or a single supergraph file instead. A breaking change
 * passes only when schema/accepted-changes.json lists it with a reason:
 *   [{ "schema": "supergraph", "change": "Library.name changed type from String! to String.", "reason": "..." }]
 * ("schema" is `supergraph` or a subgraph's name, or left out for every schema; "change" is the line this script
 * prints). `--accept "<reason>"` appends every breaking change found now to that file with the reason, for review
 * in the diff. Dangerous changes are printed and never fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Supergraph } from '@apollo/federation-internals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { findBreakingChanges, findDangerousChanges, parse, type GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { SUBGRAPH_NAMES } from '../lib/config';

const ROOT = join(__dirname, '..');
const SUPERGRAPH = 'supergraph';

const acceptedChangesSchema = z.array(
  z.strictObject({
    schema: z.enum([SUPERGRAPH, ...SUBGRAPH_NAMES]).optional(),
    change: z.string().min(1),
    reason: z.string().trim().min(10, 'say why the change is safe to ship (10+ characters)'),
  }),
);
type AcceptedChange = z.infer<typeof acceptedChangesSchema>[number];

interface Change {
  schema: string;
  type: string;
  description: string;
}

/** What clients see: the supergraph's API schema, federation's join and link definitions stripped. */
function apiSchema(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

function subgraphSchema(sdl: string): GraphQLSchema {
  return buildSubgraphSchema(parse(sdl));
}

/** The schema files of a baseline: `name -> SDL`, or undefined when there is none to compare with (said why). */
function baseline(against: string | undefined): Map<string, string> | undefined {
  const files = new Map<string, string>();
  if (against) {
    if (statSync(against).isDirectory()) {
      for (const name of [SUPERGRAPH, ...SUBGRAPH_NAMES]) {
        const file = join(against, `${name}.graphql`);
        if (existsSync(file)) files.set(name, readFileSync(file, 'utf8'));
      }
    } else {
      // A single file: a subgraph's by its name, else a supergraph.
      const name = basename(against, '.graphql');
      files.set(
        (SUBGRAPH_NAMES as readonly string[]).includes(name) ? name : SUPERGRAPH,
        readFileSync(against, 'utf8'),
      );
    }
    return files;
  }
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const ref = ['origin/main', 'main'].find((candidate) => {
    try {
      git('rev-parse', '--verify', '--quiet', `${candidate}^{commit}`);
      return true;
    } catch {
      return false;
    }
  });
  let base: string;
  try {
    if (!ref) throw new Error('no origin/main or main branch');
    base = git('merge-base', 'HEAD', ref);
  } catch (error) {
    console.log(
      `schema:check: nothing to compare with (${(error as Error).message.split('\n')[0]}; a shallow clone?): skipped. Fetch main, or pass --against <dir>.`,
    );
    return undefined;
  }
  for (const name of [SUPERGRAPH, ...SUBGRAPH_NAMES]) {
    try {
      files.set(name, git('show', `${base}:schema/${name}.graphql`));
    } catch {
      // not on main yet: a new subgraph
    }
  }
  console.log(`schema:check: against schema/ at ${base.slice(0, 12)} (the merge-base with ${ref})`);
  return files;
}

function changes(name: string, before: string, after: string): { breaking: Change[]; dangerous: Change[] } {
  const build = name === SUPERGRAPH ? apiSchema : subgraphSchema;
  const [old, current] = [build(before), build(after)];
  const label = (change: { type: string; description: string }) => ({
    schema: name,
    type: change.type,
    description: change.description,
  });
  return {
    breaking: findBreakingChanges(old, current).map(label),
    dangerous: findDangerousChanges(old, current).map(label),
  };
}

function readAccepted(file: string): AcceptedChange[] {
  if (!existsSync(file)) return [];
  const parsed = acceptedChangesSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file} is not a list of { schema?, change, reason }: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      against: { type: 'string' },
      schema: { type: 'string' },
      accepted: { type: 'string' },
      accept: { type: 'string' },
    },
  });
  const schemaDir = values.schema ?? join(ROOT, 'schema');
  const acceptedFile = values.accepted ?? join(schemaDir, 'accepted-changes.json');
  const accepted = readAccepted(acceptedFile);
  const before = baseline(values.against);
  if (!before) return 0;

  const breaking: Change[] = [];
  const dangerous: Change[] = [];
  for (const [name, old] of before) {
    const file = join(schemaDir, `${name}.graphql`);
    if (!existsSync(file)) {
      breaking.push({ schema: name, type: 'SCHEMA_REMOVED', description: `schema/${name}.graphql was removed.` });
      continue;
    }
    const found = changes(name, old, readFileSync(file, 'utf8'));
    breaking.push(...found.breaking);
    dangerous.push(...found.dangerous);
  }

  const isAccepted = (change: Change) =>
    accepted.some((entry) => (entry.schema ?? change.schema) === change.schema && entry.change === change.description);
  for (const change of dangerous) console.log(`dangerous  ${change.schema}: ${change.description} (${change.type})`);
  for (const change of breaking.filter(isAccepted))
    console.log(`accepted   ${change.schema}: ${change.description} (${change.type})`);
  let refused = breaking.filter((change) => !isAccepted(change));
  if (values.accept !== undefined && refused.length > 0) {
    const added = refused.map((change) => ({
      schema: change.schema as AcceptedChange['schema'],
      change: change.description,
      reason: values.accept!,
    }));
    writeFileSync(acceptedFile, `${JSON.stringify(acceptedChangesSchema.parse([...accepted, ...added]), null, 2)}\n`);
    console.log(`accepted ${added.length} breaking change(s) in ${acceptedFile}: review them in the diff.`);
    refused = [];
  }
  for (const change of refused) console.log(`BREAKING   ${change.schema}: ${change.description} (${change.type})`);
  if (refused.length > 0) {
    console.log(
      `\n${refused.length} breaking change(s). Keep the old fields (deprecate them first), or, if clients are known to cope, ` +
        'list each in schema/accepted-changes.json: { "schema": "<name>", "change": "<the text above>", "reason": "<why it is safe>" }.',
    );
    return 1;
  }
  console.log(
    `schema:check: no unaccepted breaking change (${breaking.length} accepted, ${dangerous.length} dangerous).`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`schema:check: ${(error as Error).message}`);
  process.exitCode = 2;
}
