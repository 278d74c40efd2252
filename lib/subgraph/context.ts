import type { EntityManager } from '@mikro-orm/knex';
import type { Identity } from '../auth';
import type { SubgraphConfig } from '../config';
import type { RequestLoaders } from './loaders';

/** What every subgraph resolver gets: a request-scoped unit of work, its loaders, and who is asking. */
export interface SubgraphContext {
  em: EntityManager;
  loaders: RequestLoaders;
  requestId: string | undefined;
  /** Verified by this subgraph from the forwarded token; null for anonymous requests. */
  identity: Identity | null;
  /** The service's configuration (its own secret and the gateway's address for entity lookups, timeouts). */
  config: SubgraphConfig;
  /** When the gateway stops waiting (epoch ms, from its x-request-deadline header): lib/deadline.ts. */
  deadline?: number;
}
