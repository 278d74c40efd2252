// node bench/profile/summarize.mjs FILE.cpuprofile [TOP]: where a process's busy CPU went, by package and by
// function (self time; idle left out). JSON.parse/stringify and other builtins count for the function calling them.
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] ?? 40);
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const samples = new Map();
for (const id of profile.samples) samples.set(id, (samples.get(id) ?? 0) + 1);

const packageOf = (url) => {
  if (!url) return '(native)';
  const dependency = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (dependency) return dependency[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url.replace(/^.*?\/(lib|gateway|subgraphs|scripts)\//, '$1/');
};
let busy = 0;
const byPackage = new Map();
const byFunction = new Map();
for (const [id, count] of samples) {
  const frame = nodes.get(id).callFrame;
  if (frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
  busy += count;
  const place = frame.functionName === '(garbage collector)' ? '(gc)' : packageOf(frame.url);
  byPackage.set(place, (byPackage.get(place) ?? 0) + count);
  const name = `${frame.functionName || '(anonymous)'} ${packageOf(frame.url)}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + count);
}
const print = (title, counts, n) => {
  console.log(`\n${title}`);
  for (const [name, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`${((100 * count) / busy).toFixed(1).padStart(5)}%  ${name}`);
};
const seconds = (profile.endTime - profile.startTime) / 1e6;
console.log(`${busy} busy samples over ${seconds.toFixed(1)} s`);
print('By package:', byPackage, 25);
print('By function:', byFunction, top);
