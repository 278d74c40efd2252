/**
 * GET /feeds/programs: the open-data feed of published programs, for other
 * portals to sync from (OpenActive RPDE 1.0, "modified and id" ordering).
 *
 * A page lists changes after (afterTimestamp, afterId) in (modified, id)
 * order; `next` is the URL of the page after it. A reader follows `next`
 * until a page comes back empty, whose `next` is its own URL: poll it later
 * for new changes. A program appears at its latest change only: published
 * programs as `updated` with schema.org CourseInstance JSON-LD in `data`,
 * archived ones as `deleted` markers without data.
 *
 * The page is read through the gateway's own GraphQL pipeline (the same
 * query plan as /graphql), so host and venue come from their subgraphs.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { Express, Request, Response } from 'express';
import type { GatewayContext } from './gateway';

export const FEED_PATH = '/feeds/programs';
export const DEFAULT_FEED_LIMIT = 100;
export const MAX_FEED_LIMIT = 500; // the centers subgraph's programFeed allows no more

const PLACE = 'name location { lat lng } address';
const FEED_QUERY = /* GraphQL */ `
  query OpenDataProgramFeed($afterModified: Float, $afterId: ID, $limit: Int) {
    programFeed(afterModified: $afterModified, afterId: $afterId, limit: $limit) {
      id modified state
      program {
        id title description track startsOn endsOn capacity seatsLeft feeKrw
        field { code nameKo nameEn }
        sessions { startsAt endsAt }
        center { id name location { lat lng } district { nameKo } dong { nameKo } }
        host {
          __typename
          ... on LearningCenter { id name }
          ... on School { id name }
          ... on Library { id name }
          ... on CulturalCenter { id name }
          ... on CivilProvider { id name }
        }
        venue {
          __typename
          ... on SchoolSpace { id name school { ${PLACE} } }
          ... on LibrarySpace { id name library { ${PLACE} } }
          ... on CulturalSpace { id name culturalCenter { ${PLACE} } }
          ... on CenterSpace { id name center { name location { lat lng } } }
        }
      }
    }
  }
`;

interface GeoPoint {
  lat: number;
  lng: number;
}
interface PlaceOwner {
  name: string;
  location: GeoPoint;
  address?: string | null;
}
interface FeedProgramData {
  id: string;
  title: string;
  description: string | null;
  track: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  seatsLeft: number;
  feeKrw: number;
  field: { code: string; nameKo: string; nameEn: string };
  sessions: { startsAt: string; endsAt: string }[];
  center: { id: string; name: string; location: GeoPoint; district: { nameKo: string }; dong: { nameKo: string } };
  /** Null when the host's subgraph could not answer (a partial answer). */
  host: { __typename: string; id: string; name: string } | null;
  venue:
    | ({ __typename: string; id: string; name: string } & Record<
        'school' | 'library' | 'culturalCenter' | 'center',
        PlaceOwner | undefined
      >)
    | null;
}
interface FeedEntry {
  id: string;
  modified: number;
  state: 'UPDATED' | 'DELETED';
  program: FeedProgramData | null;
}

export interface RpdeItem {
  state: 'updated' | 'deleted';
  kind: 'CourseInstance';
  id: string;
  modified: number;
  data?: Record<string, unknown>;
}
export interface RpdePage {
  next: string;
  items: RpdeItem[];
  license: string;
}

export const FEED_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';

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
function pageUrl(publicUrl: string, position: FeedPosition): string {
  const url = new URL(`${publicUrl}${FEED_PATH}`);
  if (position.afterTimestamp !== null) url.searchParams.set('afterTimestamp', String(position.afterTimestamp));
  if (position.afterId !== null) url.searchParams.set('afterId', position.afterId);
  if (position.limit !== DEFAULT_FEED_LIMIT) url.searchParams.set('limit', String(position.limit));
  return url.toString();
}

const geo = ({ lat, lng }: GeoPoint) => ({ '@type': 'GeoCoordinates', latitude: lat, longitude: lng });

function place(name: string, owner: PlaceOwner): Record<string, unknown> {
  return {
    '@type': 'Place',
    name,
    ...(owner.address ? { address: owner.address } : {}),
    geo: geo(owner.location),
  };
}

/** Where a program meets: its venue (room, in its institution), else the learning center it is run for. */
function locationOf(program: FeedProgramData): Record<string, unknown> {
  const venue = program.venue;
  const owner = venue && (venue.school ?? venue.library ?? venue.culturalCenter ?? venue.center);
  if (venue && owner)
    return { ...place(`${owner.name} ${venue.name}`, owner), identifier: `${venue.__typename}:${venue.id}` };
  const { center } = program;
  return {
    ...place(center.name, {
      name: center.name,
      location: center.location,
      address: `서울특별시 ${center.district.nameKo} ${center.dong.nameKo}`,
    }),
    identifier: `LearningCenter:${center.id}`,
  };
}

/** A program as schema.org CourseInstance JSON-LD. */
export function courseInstanceOf(program: FeedProgramData, apiUrl: string): Record<string, unknown> {
  const url = `${apiUrl}?query=${encodeURIComponent(`{ program(id: "${program.id}") { id title startsOn endsOn seatsLeft } }`)}`;
  const host = program.host && {
    '@type': 'Organization',
    name: program.host.name,
    identifier: `${program.host.__typename}:${program.host.id}`,
  };
  return {
    '@context': 'https://schema.org',
    '@type': 'CourseInstance',
    '@id': url,
    identifier: program.id,
    url,
    name: program.title,
    ...(program.description ? { description: program.description } : {}),
    inLanguage: 'ko',
    startDate: program.startsOn,
    endDate: program.endsOn,
    ...(program.venue ? { courseMode: 'onsite' } : {}), // no venue: online or not settled yet
    about: {
      '@type': 'DefinedTerm',
      termCode: program.field.code,
      name: program.field.nameKo,
      alternateName: program.field.nameEn,
    },
    location: locationOf(program),
    ...(host ? { organizer: host } : {}),
    offers: [
      {
        '@type': 'Offer',
        price: program.feeKrw,
        priceCurrency: 'KRW',
        availability: program.seatsLeft > 0 ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut',
      },
    ],
    maximumAttendeeCapacity: program.capacity,
    remainingAttendeeCapacity: program.seatsLeft,
    // Each meeting as a sub-event: the sessions are dated, not a repeating rule.
    subEvent: program.sessions.map((session) => ({
      '@type': 'Event',
      startDate: session.startsAt,
      endDate: session.endsAt,
    })),
  };
}

export function itemOf(entry: FeedEntry, apiUrl: string): RpdeItem {
  const base = { kind: 'CourseInstance' as const, id: entry.id, modified: entry.modified };
  return entry.state === 'DELETED' || !entry.program
    ? { state: 'deleted', ...base }
    : { state: 'updated', ...base, data: courseInstanceOf(entry.program, apiUrl) };
}

function problem(res: Response, status: number, message: string): void {
  res.status(status).set('cache-control', 'no-store').json({ error: message });
}

/** Mounts GET /feeds/programs on the gateway's express app. */
export function mountFeeds(
  app: Express,
  apollo: ApolloServer<GatewayContext>,
  publicUrl: string,
  requestDeadlineMs: number,
): void {
  app.get(FEED_PATH, async (req, res) => {
    let position: FeedPosition;
    try {
      position = positionOf(req.query);
    } catch (error) {
      if (error instanceof FeedRequestError) return problem(res, 400, error.message);
      throw error;
    }
    const response = await apollo.executeOperation<{ programFeed: FeedEntry[] }>(
      {
        query: FEED_QUERY,
        variables: { afterModified: position.afterTimestamp, afterId: position.afterId, limit: position.limit },
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
    const entries = result.data.programFeed;
    const items = entries.map((entry) => itemOf(entry, apiUrl));
    const last = entries.at(-1);
    // The last (empty) page points to itself: readers poll it for new changes.
    const next = pageUrl(publicUrl, last ? { ...position, afterTimestamp: last.modified, afterId: last.id } : position);
    const page: RpdePage = { next, items, license: FEED_LICENSE };
    // A full page of older changes stays the same for a while; the empty end page changes as soon as anything does.
    res.set('cache-control', items.length > 0 ? 'public, max-age=3600' : 'public, max-age=8');
    res.set('access-control-allow-origin', '*');
    res.type('application/json; charset=utf-8').send(JSON.stringify(page));
  });
}
