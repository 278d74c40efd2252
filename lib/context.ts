import type { EntityManager } from '@mikro-orm/knex';
import type { RequestLoaders } from './loaders';

/** What every subgraph resolver gets: a request-scoped unit of work and its loaders. */
export interface SubgraphContext {
  em: EntityManager;
  loaders: RequestLoaders;
  requestId: string | undefined;
}
