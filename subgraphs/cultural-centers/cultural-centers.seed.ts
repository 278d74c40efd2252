import type { EntityManager } from '@mikro-orm/knex';
import { placeData, spaceData } from '../../seed/entity-rows';
import { CulturalCenter } from './cultural-center.entity';
import { CulturalSpace } from './cultural-space.entity';
import type { SeedSettings } from '../../lib/config';
import { buildNetwork } from '../../seed/network';

export async function seedCulturalCenters(em: EntityManager, settings: SeedSettings): Promise<void> {
  const network = buildNetwork(settings);
  await em.insertMany(
    CulturalCenter,
    network.culturalCenters.map((center) => ({
      ...placeData(center, 'SEOUL_CULTURAL_SPACES'),
      kind: center.kind,
      seats: center.seats,
    })),
  );
  await em.insertMany(
    CulturalSpace,
    network.culturalSpaces.map((space) => spaceData(space, 'culturalCenter')) as never,
  );
}
