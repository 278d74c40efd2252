import type { EntityManager } from '@mikro-orm/knex';
import type { Identity } from '../auth';
import type { Config } from '../config';
import type { RequestLoaders } from './loaders';

/** What every subgraph resolver gets: a request-scoped unit of work, its loaders, and who is asking. */
export interface SubgraphContext {
  em: EntityManager;
  loaders: RequestLoaders;
  requestId: string | undefined;
  /** Verified by this subgraph from the forwarded token; null for anonymous requests. */
  identity: Identity | null;
  /** The service's configuration (subgraph URLs and secrets for entity lookups, timeouts). */
  config: Config;
  /** When the gateway stops waiting (epoch ms, from its x-request-deadline header): lib/deadline.ts. */
  deadline?: number;
}
