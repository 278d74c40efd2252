/**
 * /feeds/notices: notices to residents as schema.org SpecialAnnouncement JSON-LD (a dated notice with the place or
 * area it concerns), withdrawn ones as deletion markers (the RPDE machinery is gateway/feeds.ts; the entries come
 * from the centers subgraph's noticeFeed).
 */
import { FEED_PROVENANCE, place, type FeedProvenance, type FeedSpec, type GeoPoint } from './feeds';

const NOTICE_FEED_QUERY = /* GraphQL */ `
  query OpenDataNoticeFeed($afterModified: Float, $afterId: ID, $limit: Int, $includeGenerated: Boolean) {
    noticeFeed(afterModified: $afterModified, afterId: $afterId, limit: $limit, includeGenerated: $includeGenerated) {
      id
      modified
      state
      notice {
        ${FEED_PROVENANCE}
        id
        title
        body
        startsOn
        endsOn
        publishedAt
        updatedAt
        district {
          code
          nameKo
        }
        center {
          id
          name
          location {
            lat
            lng
          }
        }
      }
    }
  }
`;

export interface FeedNoticeData {
  provenance: FeedProvenance;
  id: string;
  title: string;
  body: string;
  startsOn: string;
  endsOn: string;
  publishedAt: string;
  updatedAt: string;
  district: { code: string; nameKo: string };
  center: { id: string; name: string; location: GeoPoint } | null;
}

/** A notice as schema.org SpecialAnnouncement JSON-LD: current from startsOn to endsOn, about its center or district. */
export function specialAnnouncementOf(notice: FeedNoticeData, apiUrl: string): Record<string, unknown> {
  const url = `${apiUrl}?query=${encodeURIComponent(`{ notices(filter: { activeOn: "${notice.startsOn}" }) { edges { node { id title body } } } }`)}`;
  const area = {
    '@type': 'AdministrativeArea',
    name: `서울특별시 ${notice.district.nameKo}`,
    identifier: notice.district.code,
  };
  const { center } = notice;
  return {
    '@context': 'https://schema.org',
    '@type': 'SpecialAnnouncement',
    '@id': `${url}#${notice.id}`,
    identifier: notice.id,
    name: notice.title,
    text: notice.body,
    inLanguage: 'ko',
    datePosted: notice.publishedAt,
    dateModified: notice.updatedAt,
    temporalCoverage: `${notice.startsOn}/${notice.endsOn}`,
    expires: notice.endsOn,
    spatialCoverage: area,
    ...(center
      ? {
          announcementLocation: {
            ...place(center.name, { name: center.name, location: center.location }),
            identifier: `LearningCenter:${center.id}`,
          },
        }
      : {}),
  };
}

export const NOTICE_FEED: FeedSpec<FeedNoticeData> = {
  path: '/feeds/notices',
  query: NOTICE_FEED_QUERY,
  field: 'noticeFeed',
  node: 'notice',
  kind: 'SpecialAnnouncement',
  dataOf: specialAnnouncementOf,
};
