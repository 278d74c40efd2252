import type { EntityManager } from '@mikro-orm/knex';
import { placeData, spaceData } from '../../lib/seed-rows';
import type { Network } from '../../seed/network.types';
import { Library } from './library.entity';
import { LibrarySpace } from './library-space.entity';

export async function seedLibraries(em: EntityManager, network: Network): Promise<void> {
  await em.insertMany(Library, network.libraries.map((library) => ({ ...placeData(library), kind: library.kind, seats: library.seats })));
  await em.insertMany(LibrarySpace, network.librarySpaces.map((space) => spaceData(space, 'library')) as never);
}
