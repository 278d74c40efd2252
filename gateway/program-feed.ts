/**
 * /feeds/programs: published programs as schema.org CourseInstance JSON-LD, archived ones as deletion markers
 * (the RPDE machinery is gateway/feeds.ts; the entries come from the centers subgraph's programFeed). Host and venue
 * come from their subgraphs, through the gateway's query plan.
 */
import { FEED_PROVENANCE, place, type FeedProvenance, type FeedSpec, type GeoPoint, type PlaceOwner } from './feeds';

const PLACE = 'name location { lat lng } address provenance { origin licence }';
const PROGRAM_FEED_QUERY = /* GraphQL */ `
  query OpenDataProgramFeed($afterModified: Float, $afterId: ID, $limit: Int, $includeGenerated: Boolean) {
    programFeed(afterModified: $afterModified, afterId: $afterId, limit: $limit, includeGenerated: $includeGenerated) {
      id modified state
      program {
        ${FEED_PROVENANCE}
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

export interface FeedProgramData {
  provenance: FeedProvenance;
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

export const PROGRAM_FEED: FeedSpec<FeedProgramData> = {
  path: '/feeds/programs',
  query: PROGRAM_FEED_QUERY,
  field: 'programFeed',
  node: 'program',
  kind: 'CourseInstance',
  dataOf: courseInstanceOf,
};
