import type { EntityManager } from '@mikro-orm/knex';
import type { Network } from '../../seed/network.types';
import { CulturalCenter } from './cultural-center.entity';
import { CulturalSpace } from './cultural-space.entity';

export async function seedCulturalCenters(em: EntityManager, network: Network): Promise<void> {
  await em.insertMany(
    CulturalCenter,
    network.culturalCenters.map((center) => ({
      id: center.id,
      name: center.name,
      kind: center.kind,
      districtCode: center.districtCode,
      dongCode: center.dongCode,
      lat: center.lat,
      lng: center.lng,
      address: center.address,
      phone: center.phone,
      homepage: center.homepage,
      seats: center.seats,
    })) as never,
  );
  await em.insertMany(
    CulturalSpace,
    network.culturalSpaces.map(({ id, name, capacity, ownerId }) => ({ id, name, capacity, culturalCenter: ownerId })) as never,
  );
}
