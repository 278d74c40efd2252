/**
 * Prints what the seed network holds and how long it takes to build:
 *   node -r @swc-node/register seed/network.check.ts [programCountToStream]
 * The assertions live in test/seed/network.test.ts; this is for reading.
 */
import { buildNetwork } from './network';
import type { Network } from './network.types';

function timed<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: Math.round(performance.now() - started) };
}

function count(rows: Iterable<unknown>): number {
  let n = 0;
  for (const _ of rows) n++;
  return n;
}

/** Institutions whose point-in-polygon dong is missing or lies in another gu than their source says. */
function placementReport(network: Network): Record<string, { noDong: number; dongInOtherDistrict: number }> {
  const districtOfDong = new Map(network.dongs.map((dong) => [dong.code, dong.districtCode]));
  const report = (rows: readonly { districtCode: string; dongCode: string | null }[]) => ({
    noDong: rows.filter((row) => row.dongCode === null).length,
    dongInOtherDistrict: rows.filter(
      (row) => row.dongCode !== null && districtOfDong.get(row.dongCode) !== row.districtCode,
    ).length,
  });
  return {
    schools: report(network.schools),
    libraries: report(network.libraries),
    culturalCenters: report(network.culturalCenters),
  };
}

function main(): void {
  const streamed = Number(process.argv[2] ?? 1_000_000);
  const build = timed(() => buildNetwork());
  const network = build.result;
  const programs = timed(() => count(network.programs()));
  const enrollments = timed(() => count(network.enrollments()));
  const large = timed(() => count(buildNetwork({ programs: streamed }).programs()));

  console.log('options', network.options);
  const tables = Object.entries(network).filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]));
  console.table(Object.fromEntries(tables.map(([name, rows]) => [name, rows.length])));
  console.table(placementReport(network));
  console.table({
    buildNetwork: { ms: build.ms, rows: '' },
    programs: { ms: programs.ms, rows: programs.result },
    enrollments: { ms: enrollments.ms, rows: enrollments.result },
    'build + programs + enrollments': { ms: build.ms + programs.ms + enrollments.ms, rows: '' },
    [`build + ${streamed} programs`]: { ms: large.ms, rows: large.result },
  });
}

main();
