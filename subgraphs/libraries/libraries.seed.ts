import type { EntityManager } from '@mikro-orm/knex';
import type { Network } from '../../seed/network.types';
import { Library } from './library.entity';
import { LibrarySpace } from './library-space.entity';

export async function seedLibraries(em: EntityManager, network: Network): Promise<void> {
  await em.insertMany(
    Library,
    network.libraries.map((library) => ({
      id: library.id,
      name: library.name,
      kind: library.kind,
      districtCode: library.districtCode,
      dongCode: library.dongCode,
      lat: library.lat,
      lng: library.lng,
      address: library.address,
      phone: library.phone,
      homepage: library.homepage,
      seats: library.seats,
    })) as never,
  );
  await em.insertMany(
    LibrarySpace,
    network.librarySpaces.map(({ id, name, capacity, ownerId }) => ({ id, name, capacity, library: ownerId })) as never,
  );
}
