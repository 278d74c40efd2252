/**
 * Seeded pseudo-random numbers. Every generated section draws from its own
 * stream (seed + section name), so adding draws to one section never shifts
 * the output of another.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A copy of items in random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** count distinct items in random order (all of them if there are fewer). */
  sample<T>(items: readonly T[], count: number): T[];
}

/** mulberry32: tiny, fast and good enough for test data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  };
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(0, items.length - 1)];
    },
    shuffle,
    sample: (items, count) => shuffle(items).slice(0, count),
  };
}

/** The stream of one generated section: the seed mixed with a hash of its name. */
export function sectionRandom(seed: number, section: string): Random {
  let hash = 0x811c9dc5; // FNV-1a over the section name
  for (let i = 0; i < section.length; i++) hash = Math.imul(hash ^ section.charCodeAt(i), 0x01000193);
  let mixed = (hash ^ seed) >>> 0; // then murmur3's finaliser, so nearby seeds diverge
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return createRandom((mixed ^ (mixed >>> 16)) >>> 0);
}

/** Draws from fixed weights; built once so hot loops only pay for one scan. */
export function weightedPicker<T>(entries: readonly (readonly [T, number])[]): (random: Random) => T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError('weightedPicker needs a positive total weight');
  return (random) => {
    let remaining = random.next() * total;
    for (const [value, weight] of entries) {
      remaining -= weight;
      if (remaining < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
}
