import type { EntityManager } from '@mikro-orm/knex';
import { placeData, spaceData } from '../../seed/entity-rows';
import { Library } from './library.entity';
import { LibrarySpace } from './library-space.entity';
import type { SeedSettings } from '../../lib/config';
import { buildNetwork } from '../../seed/network';

export async function seedLibraries(em: EntityManager, settings: SeedSettings): Promise<void> {
  const network = buildNetwork(settings);
  await em.insertMany(
    Library,
    network.libraries.map((library) => ({
      ...placeData(library, 'SEOUL_LIBRARIES'),
      kind: library.kind,
      seats: library.seats,
    })),
  );
  await em.insertMany(LibrarySpace, network.librarySpaces.map((space) => spaceData(space, 'library')) as never);
}
