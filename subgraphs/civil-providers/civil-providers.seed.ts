import type { EntityManager } from '@mikro-orm/knex';
import type { Network } from '../../seed/network.types';
import { CivilProvider } from './civil-provider.entity';
import { ServedArea } from './served-area.entity';

export async function seedCivilProviders(em: EntityManager, network: Network): Promise<void> {
  await em.insertMany(
    CivilProvider,
    network.civilProviders.map(({ id, name, kind, certifiedExcellent }) => ({ id, name, kind, certifiedExcellent })) as never,
  );
  await em.insertMany(
    ServedArea,
    network.civilProviders.flatMap((provider) =>
      provider.districtCodes.map((districtCode) => ({ provider: provider.id, districtCode })),
    ) as never,
  );
}
