/** Rooms that real institutions could open to programs (generated: there is no public list). */
import type { SpaceRow } from '../network.types';
import type { Random } from '../random';
import type { SpaceKind } from './vocabulary';

export function spaceOf(ownerId: string, n: number, kind: SpaceKind, random: Random): SpaceRow {
  return { id: `${ownerId}-S${n}`, ownerId, name: kind.name, capacity: random.int(kind.minCapacity, kind.maxCapacity) };
}

/** minRooms..maxRooms distinct kinds of room per owner. */
export function generateSpaces(
  owners: readonly { id: string }[],
  kinds: readonly SpaceKind[],
  [minRooms, maxRooms]: readonly [number, number],
  random: Random,
): SpaceRow[] {
  return owners.flatMap((owner) =>
    random.sample(kinds, random.int(minRooms, maxRooms)).map((kind, i) => spaceOf(owner.id, i + 1, kind, random)),
  );
}

export function spacesByOwner(spaces: readonly SpaceRow[]): Map<string, SpaceRow[]> {
  const byOwner = new Map<string, SpaceRow[]>();
  for (const space of spaces) {
    const owned = byOwner.get(space.ownerId);
    if (owned) owned.push(space);
    else byOwner.set(space.ownerId, [space]);
  }
  return byOwner;
}
