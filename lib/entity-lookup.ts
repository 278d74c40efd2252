/**
 * Asks the subgraph that owns an entity about it, the federation way
 * (`_entities` with the gateway's secret for that subgraph). Used where a
 * write must check a reference into another subgraph (does this school exist,
 * is this room one of its rooms) without reading that subgraph's tables.
 */
import { GATEWAY_SECRET_HEADER } from './auth';
import type { Config, SubgraphName } from './config';
import { fail, UserErrorCode } from './mutation';

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
  const entities = await askOwner(config, OWNER_OF[typename], typename, ids.map((id) => ({ __typename: typename, id })), `id ${selection}`);
  return new Map(entities.filter((e): e is Record<string, unknown> => e !== null).map((e) => [String(e.id), e]));
}

/** Which of these district codes exist (District is owned by the centers subgraph and keyed by code). */
export async function lookupDistrictCodes(config: Pick<Config, 'subgraphs' | 'subgraphTimeoutMs'>, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const districts = await askOwner(config, 'centers', 'District', codes.map((code) => ({ __typename: 'District', code })), 'code');
  return new Set(districts.filter((d): d is Record<string, unknown> => d !== null).map((d) => String(d.code)));
}

/** `_entities` of the owning subgraph for these representations, in order; null where one does not exist. */
async function askOwner(
  config: Pick<Config, 'subgraphs' | 'subgraphTimeoutMs'>,
  owner: SubgraphName,
  typename: string,
  representations: Record<string, string>[],
  selection: string,
): Promise<(Record<string, unknown> | null)[]> {
  const subgraph = config.subgraphs[owner];
  const headers: Record<string, string> = { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: subgraph.gatewaySecret };
  const body = JSON.stringify({
    query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`,
    variables: { representations },
  });
  let response: Response | undefined;
  // Replicas of the owner: a random one first, then the others, until one can be reached.
  const start = Math.floor(Math.random() * subgraph.urls.length);
  const urls = [...subgraph.urls.slice(start), ...subgraph.urls.slice(0, start)];
  for (const [index, url] of urls.entries()) {
    try {
      response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(config.subgraphTimeoutMs) });
      break;
    } catch (error) {
      if (index === urls.length - 1) throw new EntityLookupError(`The ${subgraph.name} subgraph could not be asked about ${typename}: ${(error as Error).message}`);
    }
  }
  if (!response) throw new EntityLookupError(`The ${subgraph.name} subgraph has no URL`);
  const answer = (await response.json().catch(() => ({}))) as { data?: { _entities?: (Record<string, unknown> | null)[] }; errors?: { message: string }[] };
  if (!response.ok || !answer.data?._entities) {
    throw new EntityLookupError(`The ${subgraph.name} subgraph could not say whether ${typename} exists: ${answer.errors?.[0]?.message ?? `HTTP ${response.status}`}`);
  }
  return answer.data._entities;
}

/**
 * Runs a lookup for a mutation; when the owning subgraph cannot be asked, the
 * mutation stops with an UNAVAILABLE user error on `field` (not NOT_FOUND: the
 * entity may well exist, the caller should retry, not change the id).
 */
export async function lookupForMutation<T>(lookup: () => Promise<T>, field: string[]): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    if (!(error instanceof EntityLookupError)) throw error;
    return fail(UserErrorCode.UNAVAILABLE, `It could not be checked just now, so nothing was written; try again later. (${error.message})`, field);
  }
}
