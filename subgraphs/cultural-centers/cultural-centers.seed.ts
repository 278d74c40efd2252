import type { EntityManager } from '@mikro-orm/knex';
import { placeData, spaceData } from '../../lib/seed-rows';
import type { Network } from '../../seed/network.types';
import { CulturalCenter } from './cultural-center.entity';
import { CulturalSpace } from './cultural-space.entity';

export async function seedCulturalCenters(em: EntityManager, network: Network): Promise<void> {
  await em.insertMany(CulturalCenter, network.culturalCenters.map((center) => ({ ...placeData(center), kind: center.kind, seats: center.seats })));
  await em.insertMany(CulturalSpace, network.culturalSpaces.map((space) => spaceData(space, 'culturalCenter')) as never);
}
