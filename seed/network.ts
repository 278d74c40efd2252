/**
 * buildNetwork: the whole seed network, real Seoul data plus the generated
 * rest. Same options → identical output, so every subgraph can seed its own
 * slice and all five databases agree.
 */
import { generateData, type GeneratedData } from './generate';
import type { Network, SeedOptions } from './network.types';
import { loadRealData } from './real';

export const DEFAULT_SEED_OPTIONS: Readonly<SeedOptions> = { seed: 20261128, programs: 20_000, mode: 'demo' };

function resolveOptions(options: Partial<SeedOptions>): SeedOptions {
  const resolved = {
    seed: options.seed ?? DEFAULT_SEED_OPTIONS.seed,
    programs: options.programs ?? DEFAULT_SEED_OPTIONS.programs,
    mode: options.mode ?? DEFAULT_SEED_OPTIONS.mode,
  };
  if (!Number.isSafeInteger(resolved.seed)) throw new RangeError(`seed must be an integer, got ${resolved.seed}`);
  if (!Number.isSafeInteger(resolved.programs) || resolved.programs < 0) {
    throw new RangeError(`programs must be a non-negative integer, got ${resolved.programs}`);
  }
  return resolved;
}

/** A real-only network: a city starts with its real institutions, and partners publish real programs. */
const NOTHING_GENERATED: GeneratedData = {
  schoolSpaces: [],
  librarySpaces: [],
  culturalSpaces: [],
  civilProviders: [],
  learningCenters: [],
  centerSpaces: [],
  experts: [],
  citySupport: [],
  counselingSessions: [],
  communities: [],
  partnerships: [],
  cooperationAgreements: [],
  supportRequests: [],
  discoveredResources: [],
  programs: () => [],
  enrollments: () => [],
};

export function buildNetwork(options: Partial<SeedOptions> = {}): Network {
  const resolved = resolveOptions(options);
  const real = loadRealData();
  const generated =
    resolved.mode === 'real-only' ? NOTHING_GENERATED : generateData(real, resolved.seed, resolved.programs);
  return { options: resolved, ...real, ...generated };
}
