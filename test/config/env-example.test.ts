/**
 * .env.example documents every variable lib/config.ts reads, in the section of the services that read it, each with
 * a one-line comment and its default; what it sets holds no real secret and is accepted by every service.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import {
  CONFIG_VARIABLES,
  SUBGRAPH_NAMES,
  configVariables,
  loadConfig,
  serviceEnv,
  type ServiceName,
} from '../../lib/config';

const ROOT = join(__dirname, '..', '..');
const lines = readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n');
/** docker-compose.yml without its comments. */
const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8').replace(/^\s*#.*$/gm, '');

/** What the file sets, read as docker compose reads its .env. */
const active = parse(lines.join('\n'));
/** `#NAME=value`: a variable left at its default `value` (empty: unset by default). */
const COMMENTED_OUT = /^#([A-Z][A-Z0-9_]*)=(.*)$/;
const ACTIVE = /^([A-Z][A-Z0-9_]*)=/;
const SECTION = /^# ===== (.+) =====$/;
const nameOf = (line: string) => (COMMENTED_OUT.exec(line) ?? ACTIVE.exec(line))?.[1];
const named = lines.map(nameOf).filter((name): name is string => name !== undefined);
const defaults = new Map(
  lines.map((line) => COMMENTED_OUT.exec(line)).flatMap((match) => (match ? [[match[1], match[2]] as const] : [])),
);

/** The variables docker-compose.yml fills in from .env, with their defaults (`${NAME:-default}`). */
const composeDefaults = new Map(
  [...compose.matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::-([^}]*))?/g)].map((match) => [match[1], match[2]]),
);
const composeOnly = [...composeDefaults.keys()].filter((name) => !configVariables().includes(name));

/** The file's sections, by the start of their title, and the variables each must list. */
const SECTIONS: [string, string[]][] = [
  ['Every service', CONFIG_VARIABLES.shared],
  ['The gateway', CONFIG_VARIABLES.gateway],
  ['Every subgraph', CONFIG_VARIABLES.everySubgraph],
  ['Each subgraph', CONFIG_VARIABLES.eachSubgraph],
  ['docker compose only', composeOnly],
];

function sections(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines) {
    const title = SECTION.exec(line)?.[1];
    if (title !== undefined) found.set(title, (current = []));
    const name = nameOf(line);
    if (name) (current ?? []).push(name);
  }
  return found;
}

describe('.env.example', () => {
  it('names every variable lib/config.ts reads', () => {
    expect(configVariables().filter((name) => !named.includes(name))).toEqual([]);
  });

  it('names no variable that neither lib/config.ts nor docker-compose.yml reads, and each once', () => {
    expect(named.filter((name) => !configVariables().includes(name) && !composeDefaults.has(name))).toEqual([]);
    expect(named.filter((name, index) => named.indexOf(name) !== index)).toEqual([]);
  });

  it('lists each variable in the section of the services that read it', () => {
    const found = sections();
    const order = [...found.keys()].map((title) => SECTIONS.find(([start]) => title.startsWith(start))?.[0]);
    expect(order).toEqual(SECTIONS.map(([start]) => start));
    for (const [title, names] of found) {
      const [start, expected] = SECTIONS.find(([prefix]) => title.startsWith(prefix))!;
      expect({ section: start, names: [...names].sort() }).toEqual({ section: start, names: [...expected].sort() });
    }
  });

  it('says in a one-line comment above each variable what it is', () => {
    const isComment = (line: string | undefined) => line !== undefined && line.startsWith('# ') && !SECTION.test(line);
    const uncommented = lines.flatMap((line, index) => {
      const name = nameOf(line);
      return name && !(isComment(lines[index - 1]) && !isComment(lines[index - 2])) ? [name] : [];
    });
    expect(uncommented).toEqual([]);
  });

  it('shows the default of each variable it leaves commented out', () => {
    const hubDefaults = loadConfig({});
    for (const [name, value] of [...defaults].filter(([, value]) => value !== '')) {
      if (configVariables().includes(name)) {
        expect({ name, config: loadConfig({ [name]: value }) }).toEqual({ name, config: hubDefaults });
      } else {
        expect({ name, value }).toEqual({ name, value: composeDefaults.get(name) });
      }
    }
  });

  it('holds no real secret', () => {
    for (const [name, value] of Object.entries(active).filter(([name]) => /SECRET|PASSWORD|KEY/.test(name))) {
      expect({ name, value }).toEqual({ name, value: expect.stringMatching(/REPLACE-ME/i) });
    }
  });

  it('holds values every service accepts as a production service, each given only its own', () => {
    expect(() => loadConfig(active)).not.toThrow();
    for (const service of ['gateway', ...SUBGRAPH_NAMES] as ServiceName[]) {
      expect(() => loadConfig(serviceEnv(active, service), { service })).not.toThrow();
    }
  });
});
