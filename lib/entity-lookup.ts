/**
 * Asks the subgraph that owns an entity about it, the federation way
 * (`_entities` with the gateway's secret for that subgraph). Used where a
 * write must check a reference into another subgraph (does this school exist,
 * is this room one of its rooms) without reading that subgraph's tables.
 */
import { GATEWAY_SECRET_HEADER } from './auth';
import type { Config, SubgraphName } from './config';

export const OWNER_OF = {
  School: 'schools',
  SchoolSpace: 'schools',
  Library: 'libraries',
  LibrarySpace: 'libraries',
  CulturalCenter: 'cultural-centers',
  CulturalSpace: 'cultural-centers',
  CivilProvider: 'civil-providers',
} as const satisfies Record<string, SubgraphName>;

export type RemoteTypename = keyof typeof OWNER_OF;

export class EntityLookupError extends Error {
  override name = 'EntityLookupError';
}

/**
 * The entities of `typename` with these ids, as `selection` of them (e.g.
 * `id name school { id }`); an id that does not exist is absent from the map.
 */
export async function lookupEntities(
  config: Pick<Config, 'subgraphs' | 'subgraphTimeoutMs'>,
  typename: RemoteTypename,
  ids: readonly string[],
  selection = 'id',
): Promise<Map<string, Record<string, unknown>>> {
  if (ids.length === 0) return new Map();
  const subgraph = config.subgraphs[OWNER_OF[typename]];
  let response: Response;
  try {
    response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: subgraph.gatewaySecret },
      body: JSON.stringify({
        query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { id ${selection} } } }`,
        variables: { representations: ids.map((id) => ({ __typename: typename, id })) },
      }),
      signal: AbortSignal.timeout(config.subgraphTimeoutMs),
    });
  } catch (error) {
    throw new EntityLookupError(`The ${subgraph.name} subgraph could not be asked about ${typename}: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => ({}))) as { data?: { _entities?: (Record<string, unknown> | null)[] }; errors?: { message: string }[] };
  if (!response.ok || !body.data?._entities) {
    throw new EntityLookupError(`The ${subgraph.name} subgraph could not say whether ${typename} exists: ${body.errors?.[0]?.message ?? `HTTP ${response.status}`}`);
  }
  return new Map(body.data._entities.filter((e): e is Record<string, unknown> => e !== null).map((e) => [String(e.id), e]));
}
