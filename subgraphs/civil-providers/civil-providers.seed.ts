import type { EntityManager } from '@mikro-orm/knex';
import { CivilProvider } from './civil-provider.entity';
import { ServedArea } from './served-area.entity';
import type { SeedSettings } from '../../lib/config';
import { buildNetwork } from '../../seed/network';

export async function seedCivilProviders(em: EntityManager, settings: SeedSettings): Promise<void> {
  const network = buildNetwork(settings);
  await em.insertMany(
    CivilProvider,
    network.civilProviders.map(({ id, name, kind, certifiedExcellent }) => ({
      id,
      name,
      kind,
      certifiedExcellent,
      source: 'GENERATED',
    })) as never,
  );
  await em.insertMany(
    ServedArea,
    network.civilProviders.flatMap((provider) =>
      provider.districtCodes.map((districtCode) => ({ provider: provider.id, districtCode })),
    ) as never,
  );
}
