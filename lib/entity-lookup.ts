/**
 * Asks the subgraph that owns an entity about it, the federation way
 * (`_entities`). Used where a write must check a reference into another
 * subgraph (does this school exist, is this room one of its rooms) without
 * reading that subgraph's tables.
 *
 * The question goes through the gateway's entity relay (gateway/entity-relay.ts),
 * proven with the asking subgraph's OWN secret: no subgraph holds another's
 * secret, so a compromised subgraph cannot call the others as the gateway (it
 * can only ask anonymous `_entities` questions, what any lookup needs anyway).
 */
import { GATEWAY_SECRET_HEADER } from './auth';
import type { SubgraphConfig, SubgraphName } from './config';
import { ENTITY_OWNERS, type OwnedTypename } from './entity-owners';

/** The entities a subgraph may ask about: those another subgraph than centers (the one that asks) owns. */
export type RemoteTypename = {
  [T in OwnedTypename]: (typeof ENTITY_OWNERS)[T] extends 'centers' ? never : T;
}[OwnedTypename];

export class EntityLookupError extends Error {
  override name = 'EntityLookupError';
}

/** The relay's path beside the gateway's /graphql, and the header naming the asking subgraph. */
export const ENTITY_RELAY_PATH = '/internal/entities';
export const ASKING_SUBGRAPH_HEADER = 'x-subgraph';

export type LookupConfig = Pick<SubgraphConfig, 'gatewaySecret' | 'subgraphTimeoutMs' | 'gatewayUrl'>;

/** The key field of a remote entity: `id`, but for an office of education, which is keyed by its code. */
const KEY_FIELD: Partial<Record<RemoteTypename, string>> = { EducationOffice: 'code' };

/**
 * The entities of `typename` with these ids (key values), as `selection` of them (e.g.
 * `id name school { id }`); an id that does not exist is absent from the map.
 */
export async function lookupEntities(
  asker: SubgraphName,
  config: LookupConfig,
  typename: RemoteTypename,
  ids: readonly string[],
  selection = '',
): Promise<Map<string, Record<string, unknown>>> {
  if (ids.length === 0) return new Map();
  const key = KEY_FIELD[typename] ?? 'id';
  const entities = await askOwner(
    asker,
    config,
    ENTITY_OWNERS[typename],
    typename,
    ids.map((id) => ({ __typename: typename, [key]: id })),
    `${key} ${selection}`,
  );
  return new Map(entities.filter((e): e is Record<string, unknown> => e !== null).map((e) => [String(e[key]), e]));
}

/** Which of these district codes exist (District is owned by the centers subgraph and keyed by code). */
export async function lookupDistrictCodes(
  asker: SubgraphName,
  config: LookupConfig,
  codes: readonly string[],
): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const districts = await askOwner(
    asker,
    config,
    'centers',
    'District',
    codes.map((code) => ({ __typename: 'District', code })),
    'code',
  );
  return new Set(districts.filter((d): d is Record<string, unknown> => d !== null).map((d) => String(d.code)));
}

/** `_entities` of the owning subgraph for these representations, in order; null where one does not exist. */
async function askOwner(
  asker: SubgraphName,
  config: LookupConfig,
  owner: SubgraphName,
  typename: string,
  representations: Record<string, string>[],
  selection: string,
): Promise<(Record<string, unknown> | null)[]> {
  let response: Response;
  try {
    response = await fetch(new URL(ENTITY_RELAY_PATH, config.gatewayUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [GATEWAY_SECRET_HEADER]: config.gatewaySecret,
        [ASKING_SUBGRAPH_HEADER]: asker,
      },
      body: JSON.stringify({
        subgraph: owner,
        query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`,
        variables: { representations },
      }),
      signal: AbortSignal.timeout(config.subgraphTimeoutMs),
    });
  } catch (error) {
    throw new EntityLookupError(
      `The ${owner} subgraph could not be asked about ${typename} (through the gateway): ${(error as Error).message}`,
    );
  }
  const answer = (await response.json().catch(() => ({}))) as {
    data?: { _entities?: (Record<string, unknown> | null)[] };
    errors?: { message: string }[];
  };
  if (!response.ok || !answer.data?._entities) {
    throw new EntityLookupError(
      `The ${owner} subgraph could not say whether ${typename} exists: ${answer.errors?.[0]?.message ?? `HTTP ${response.status}`}`,
    );
  }
  return answer.data._entities;
}
