/**
 * The gateway's open-data feeds, for other portals to sync from (OpenActive RPDE 1.0, "modified and id" ordering):
 * GET /feeds/programs (program-feed.ts) and GET /feeds/notices (notice-feed.ts). Each feed is a FeedSpec: its path,
 * the GraphQL query of one page, and how an entry becomes JSON-LD; this file holds what they share.
 *
 * A page lists changes after (afterTimestamp, afterId) in (modified, id)
 * order; `next` is the URL of the page after it. A reader follows `next`
 * until a page comes back empty, whose `next` is its own URL: poll it later
 * for new changes. An item appears at its latest change only: public
 * ones as `updated` with schema.org JSON-LD in `data`, withdrawn ones
 * (archived programs, withdrawn notices) as `deleted` markers without data.
 *
 * The page is read through the gateway's own GraphQL pipeline (the same
 * query plan as /graphql), so what other subgraphs own comes from them.
 *
 * Honest data: the feeds list no record the demonstration seed generated unless
 * FEED_INCLUDE_GENERATED is set for a demo, and every updated item carries its
 * record's `provenance`. The page's `license` covers what users published
 * through the API; details copied from a registry whose licence is not
 * confirmed (an institution's address and coordinates) are left out, and the
 * place is named with its identifier instead (`place`).
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { Express, Request, Response } from 'express';
import type { GatewayContext } from './gateway';

export const DEFAULT_FEED_LIMIT = 100;
export const MAX_FEED_LIMIT = 500; // the centers subgraph's feeds allow no more

/**
 * One RPDE feed. `query` takes `$afterModified: Float, $afterId: ID, $limit: Int, $includeGenerated: Boolean` and
 * answers `field` as a list of `{ id modified state <node> { ... provenance { ...FEED_PROVENANCE } } }`; `dataOf` turns
 * a public node into the item's JSON-LD.
 */
export interface FeedSpec<T> {
  path: string;
  query: string;
  field: string;
  node: string;
  kind: string;
  dataOf: (node: T, apiUrl: string) => Record<string, unknown>;
}

/** What a feed selects of a record's provenance, and how it shows in an item. */
export const FEED_PROVENANCE = 'provenance { origin source sourceDate licence }';
export interface FeedProvenance {
  origin: 'PUBLIC_REGISTRY' | 'GENERATED' | 'PUBLISHED';
  source: string | null;
  sourceDate: string | null;
  licence: string | null;
}

export interface GeoPoint {
  lat: number;
  lng: number;
}
export interface PlaceOwner {
  name: string;
  location: GeoPoint;
  address?: string | null;
  /** A registry institution's: its address and point are passed on only under a confirmed licence. */
  provenance?: Pick<FeedProvenance, 'origin' | 'licence'>;
}

type FeedEntry = { id: string; modified: number; state: 'UPDATED' | 'DELETED' } & Record<string, unknown>;

export interface RpdeItem {
  state: 'updated' | 'deleted';
  kind: string;
  id: string;
  modified: number;
  /** Where the record comes from (updated items). */
  provenance?: FeedProvenance;
  data?: Record<string, unknown>;
}
export interface RpdePage {
  next: string;
  items: RpdeItem[];
  license: string;
}

export const FEED_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

const geo = ({ lat, lng }: GeoPoint) => ({ '@type': 'GeoCoordinates', latitude: lat, longitude: lng });

/** A place as schema.org wants it: its name, address when known, and coordinates (only the name when they may not be passed on). */
export function place(name: string, owner: PlaceOwner): Record<string, unknown> {
  if (owner.provenance?.origin === 'PUBLIC_REGISTRY' && owner.provenance.licence === null)
    return { '@type': 'Place', name };
  return {
    '@type': 'Place',
    name,
    ...(owner.address ? { address: owner.address } : {}),
    geo: geo(owner.location),
  };
}

class FeedRequestError extends Error {}

interface FeedPosition {
  afterTimestamp: number | null;
  afterId: string | null;
  limit: number;
}

function positionOf(query: Request['query']): FeedPosition {
  const single = (name: string): string | null => {
    const value = query[name];
    if (value === undefined) return null;
    if (typeof value !== 'string') throw new FeedRequestError(`${name} must be given once`);
    return value;
  };
  const wholeNumber = (name: string, text: string | null): number | null => {
    if (text === null) return null;
    if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text)))
      throw new FeedRequestError(`${name} must be a whole number, got ${JSON.stringify(text)}`);
    return Number(text);
  };
  const afterTimestamp = wholeNumber('afterTimestamp', single('afterTimestamp'));
  const afterId = single('afterId');
  if (afterId !== null && afterTimestamp === null)
    throw new FeedRequestError('afterId needs afterTimestamp (the modified value of the same item)');
  const limit = wholeNumber('limit', single('limit')) ?? DEFAULT_FEED_LIMIT;
  if (limit < 1 || limit > MAX_FEED_LIMIT) throw new FeedRequestError(`limit must be from 1 to ${MAX_FEED_LIMIT}`);
  return { afterTimestamp, afterId, limit };
}

/** The absolute URL of a page, as RPDE wants for `next`: from PUBLIC_URL, never from the request's Host header. */
function pageUrl(publicUrl: string, path: string, position: FeedPosition): string {
  const url = new URL(`${publicUrl}${path}`);
  if (position.afterTimestamp !== null) url.searchParams.set('afterTimestamp', String(position.afterTimestamp));
  if (position.afterId !== null) url.searchParams.set('afterId', position.afterId);
  if (position.limit !== DEFAULT_FEED_LIMIT) url.searchParams.set('limit', String(position.limit));
  return url.toString();
}

function itemOf<T extends { provenance: FeedProvenance }>(
  feed: FeedSpec<T>,
  entry: FeedEntry,
  apiUrl: string,
): RpdeItem {
  const base = { kind: feed.kind, id: entry.id, modified: entry.modified };
  const node = entry[feed.node] as T | null;
  return entry.state === 'DELETED' || !node
    ? { state: 'deleted', ...base }
    : { state: 'updated', ...base, provenance: node.provenance, data: feed.dataOf(node, apiUrl) };
}

function problem(res: Response, status: number, message: string): void {
  res.status(status).set('cache-control', 'no-store').json({ error: message });
}

export interface FeedSettings {
  publicUrl: string;
  requestDeadlineMs: number;
  /** FEED_INCLUDE_GENERATED: a demo's feeds list generated records too. */
  includeGenerated: boolean;
}

/** Mounts GET `feed.path` on the gateway's express app. */
export function mountFeed<T extends { provenance: FeedProvenance }>(
  app: Express,
  feed: FeedSpec<T>,
  apollo: ApolloServer<GatewayContext>,
  { publicUrl, requestDeadlineMs, includeGenerated }: FeedSettings,
): void {
  app.get(feed.path, async (req, res) => {
    let position: FeedPosition;
    try {
      position = positionOf(req.query);
    } catch (error) {
      if (error instanceof FeedRequestError) return problem(res, 400, error.message);
      throw error;
    }
    const response = await apollo.executeOperation<Record<string, FeedEntry[]>>(
      {
        query: feed.query,
        variables: {
          afterModified: position.afterTimestamp,
          afterId: position.afterId,
          limit: position.limit,
          includeGenerated,
        },
      },
      // A 500-item page costs more than MAX_COST allows a client: the feed has its own, lower rate limit.
      {
        contextValue: {
          authorization: undefined,
          identity: null,
          requestId: req.header('x-request-id') ?? randomUUID(),
          deadline: Date.now() + requestDeadlineMs,
          ownOperation: true,
        },
      },
    );
    const result = response.body.kind === 'single' ? response.body.singleResult : null;
    // A partial page would make readers skip what is missing for good: all or nothing.
    if (!result?.data || result.errors?.length) {
      return problem(
        res,
        502,
        `the feed could not be read: ${result?.errors?.map((e) => e.message).join('; ') ?? 'no result'}`,
      );
    }
    const apiUrl = `${publicUrl}/graphql`;
    const entries = result.data[feed.field];
    const items = entries.map((entry) => itemOf(feed, entry, apiUrl));
    const last = entries.at(-1);
    // The last (empty) page points to itself: readers poll it for new changes.
    const next = pageUrl(
      publicUrl,
      feed.path,
      last ? { ...position, afterTimestamp: last.modified, afterId: last.id } : position,
    );
    const page: RpdePage = { next, items, license: FEED_LICENSE };
    // A full page of older changes stays the same for a while; the empty end page changes as soon as anything does.
    res.set('cache-control', items.length > 0 ? 'public, max-age=3600' : 'public, max-age=8');
    res.set('access-control-allow-origin', '*');
    res.type('application/json; charset=utf-8').send(JSON.stringify(page));
  });
}
