/**
 * CONTRIBUTING.md against the code it describes: the files and symbols it names exist, the npm scripts it names
 * are in package.json, and its recipes name every file the change they describe passes through, computed from the
 * code, so a new layer fails here until the recipe names it. Plain file reads: no running hub is needed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type InputObjectTypeDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { SUBGRAPH_NAMES, envPrefix, type SubgraphName } from '../../lib/config';

const ROOT = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const contributing = read('CONTRIBUTING.md');

/** A field of Program that every layer carries (entity, inputs, seed, feed, publisher, export, pages, benchmark). */
const PROGRAM_FIELD = 'feeKrw';
/** Where source code lives; tests, the generated schema/ and the migrations are not places a recipe edits by hand. */
const SOURCE_DIRS = ['lib', 'gateway', 'subgraphs', 'seed', 'tools', 'scripts'];

/** Never walked: dependencies, git's own files, and at the root the build output and the local databases. */
const isForeign = (path: string): boolean =>
  /(^|\/)(node_modules|\.git)$/.test(path) || path === 'dist' || path === 'data';

/** Repo-relative paths of the files under `dir`, except those under a folder `skip` accepts. */
function filesUnder(dir: string, skip: (path: string) => boolean = () => false): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir === '.' ? entry.name : `${dir}/${entry.name}`;
    if (isForeign(path) || skip(path)) return [];
    if (entry.isDirectory()) return filesUnder(path, skip);
    return entry.isFile() ? [path] : [];
  });
}

const everyFile = filesUnder('.');
/** `a/`, `a/b/` ... of every file: the folders that hold something. */
const everyFolder = new Set(
  everyFile.flatMap((file) =>
    file
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => `${parts.slice(0, i + 1).join('/')}/`),
  ),
);

/** The text of the `## ` section with this heading, up to the next one. */
function section(heading: string): string {
  const start = contributing.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`CONTRIBUTING.md has no section "## ${heading}"`);
  const end = contributing.indexOf('\n## ', start + 1);
  return contributing.slice(start, end < 0 ? undefined : end);
}

/** The inline code spans of a text; fenced blocks hold commands, not references. */
const codeSpans = (text: string): string[] =>
  [...text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/`([^`\n]+)`/g)].map((match) => match[1]);

interface Reference {
  path: string;
  symbol?: string;
}

const FILE_EXTENSIONS = /\.(ts|js|mjs|json|md|ya?ml|csv|graphql|example)$/;

/**
 * A code span naming a file or folder of the repository: `path`, `folder/`, a glob (`schema/*.graphql`) or
 * `path:Symbol`. Placeholders (`subgraphs/<name>/`), URLs and commands are not references.
 */
function referenceOf(span: string): Reference | null {
  const match = /^([\w.*-]+(?:\/[\w.*-]+)*\/?)(?::([A-Za-z_]\w*))?$/.exec(span);
  if (!match || (!match[1].includes('/') && !FILE_EXTENSIONS.test(match[1]))) return null;
  return { path: match[1], symbol: match[2] };
}

const referencesIn = (text: string): Reference[] => codeSpans(text).flatMap((span) => referenceOf(span) ?? []);
const namedPaths = (text: string): Set<string> => new Set(referencesIn(text).map((reference) => reference.path));

/** A glob's `*` stands for any part of one name; a glob without a folder matches a file name anywhere. */
function globMatches(pattern: string): string[] {
  const literal = (part: string) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const regex = new RegExp(`^${pattern.split('*').map(literal).join('[^/]*')}$`);
  return everyFile.filter((file) => regex.test(pattern.includes('/') ? file : file.slice(file.lastIndexOf('/') + 1)));
}

function exists(path: string): boolean {
  if (path.includes('*')) return globMatches(path).length > 0;
  return path.endsWith('/') ? everyFolder.has(path) : everyFile.includes(path);
}

const mentionsIdentifier = (text: string, identifier: string): boolean => new RegExp(`\\b${identifier}\\b`).test(text);

describe('CONTRIBUTING.md', () => {
  it('refers only to files and folders that exist', () => {
    const references = referencesIn(contributing);
    expect(references.length).toBeGreaterThan(50);
    expect(references.filter((reference) => !exists(reference.path)).map((reference) => reference.path)).toEqual([]);
  });

  it('puts every symbol it names in a file that contains it', () => {
    const symbols = referencesIn(contributing).filter((reference) => reference.symbol && exists(reference.path));
    expect(symbols.length).toBeGreaterThan(30);
    const missing = symbols.filter(({ path, symbol }) => !mentionsIdentifier(read(path), symbol!));
    expect(missing.map(({ path, symbol }) => `${path}:${symbol}`)).toEqual([]);
  });

  it('names only npm scripts that package.json defines', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const named = new Set([
      ...[...contributing.matchAll(/\bnpm run (?:-s )?([\w:.-]+)/g)].map((match) => match[1]),
      ...[...contributing.matchAll(/\bnpm (start|test)\b/g)].map((match) => match[1]),
    ]);
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((script) => !scripts.includes(script))).toEqual([]);
  });

  it('is linked from the README', () => {
    expect(read('README.md')).toContain('(CONTRIBUTING.md)');
  });
});

describe('the recipe "Add a field to Program"', () => {
  it(`follows a field only Program and its inputs carry (${PROGRAM_FIELD}): every mention is about a Program`, () => {
    const typeKinds: string[] = [Kind.OBJECT_TYPE_DEFINITION, Kind.INPUT_OBJECT_TYPE_DEFINITION];
    const carriers = parse(read('schema/supergraph.graphql'))
      .definitions.filter((definition) => typeKinds.includes(definition.kind))
      .map((definition) => definition as ObjectTypeDefinitionNode | InputObjectTypeDefinitionNode)
      .filter((type) => type.fields?.some((field) => field.name.value === PROGRAM_FIELD))
      .map((type) => type.name.value);
    expect(carriers.sort()).toEqual(['CreateProgramInput', 'Program', 'UpdateProgramInput']);
  });

  it('names every file a Program field passes through', () => {
    // Migrations are history, written by a command; seed/data is the real data, no code.
    const notEdited = (path: string) => path.endsWith('/migrations') || path === 'seed/data';
    const carrying = SOURCE_DIRS.flatMap((dir) => filesUnder(dir, notEdited)).filter(
      (file) => !file.endsWith('.test.ts') && mentionsIdentifier(read(file), PROGRAM_FIELD),
    );
    expect(carrying.length).toBeGreaterThan(10);
    const named = namedPaths(section('Recipe: add a field to Program'));
    expect(carrying.filter((file) => !named.has(file))).toEqual([]);
  });
});

describe('the recipe "Add a subgraph"', () => {
  /** By its name (`cultural-centers`, not part of a longer name) or a variable of its (`CULTURAL_CENTERS_PORT`). */
  const mentionsSubgraph = (text: string, name: SubgraphName) =>
    new RegExp(`(?<![\\w-])${name}(?![\\w-])`).test(text) || text.includes(`${envPrefix(name)}_`);

  it("names every file outside the subgraphs' own folders that lists all the subgraphs", () => {
    // Tests and the generated schema follow from the rest; this file names them all by design.
    const elsewhere = (path: string) =>
      ['test', 'schema', 'docs', 'seed/data', 'CONTRIBUTING.md'].includes(path) ||
      path.endsWith('/migrations') ||
      SUBGRAPH_NAMES.some((name) => path === `subgraphs/${name}`);
    const listing = filesUnder('.', elsewhere).filter((file) => {
      const text = read(file);
      return SUBGRAPH_NAMES.every((name) => mentionsSubgraph(text, name));
    });
    expect(listing).toEqual(expect.arrayContaining(['lib/config.ts', 'subgraphs/registry.ts', 'docker-compose.yml']));
    const recipe = section('Recipe: add a subgraph');
    const named = new Set([...namedPaths(recipe), ...codeSpans(recipe)]); // with `Dockerfile`, a file without extension
    expect(listing.filter((file) => !named.has(file))).toEqual([]);
  });
});
