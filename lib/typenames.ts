/**
 * The GraphQL typenames of the network's institutions and rooms, listed once: the centers subgraph stores them beside
 * a host, partner or venue id, an INSTITUTION token names one, and the seed network refers to them.
 */
export const INSTITUTION_TYPENAMES = [
  'LearningCenter',
  'School',
  'Library',
  'CulturalCenter',
  'CivilProvider',
] as const;
export type InstitutionTypename = (typeof INSTITUTION_TYPENAMES)[number];

/** Who can be a center's partner: the institutions and the offices of education (which host no programs). */
export const PARTNER_TYPENAMES = [...INSTITUTION_TYPENAMES, 'EducationOffice'] as const;
export type PartnerTypename = (typeof PARTNER_TYPENAMES)[number];

export const VENUE_TYPENAMES = ['SchoolSpace', 'LibrarySpace', 'CulturalSpace', 'CenterSpace'] as const;
export type VenueTypename = (typeof VENUE_TYPENAMES)[number];
