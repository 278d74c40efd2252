/**
 * What the tests of proposals, discovered resources and the offices of education share (on top of
 * network-support.ts): callers of every role, offices of education among them, the mutations with selections of
 * their own (the lifecycle's fields), and reads as a caller.
 */
import { Role, type TokenClaims } from '../../lib/auth';
import { mutate as mutateThroughGateway, type Payload } from '../support/mutations';
import { graphql, tokenFor } from '../support/stack';
import { AWAY, gateway, HOME, setUpNetworkWrites } from './network-support';

export type Caller =
  | 'cityAdmin'
  | 'homeOfficer'
  | 'awayOfficer'
  | 'homeExpert'
  | 'awayExpert'
  | 'resident'
  | 'analyst'
  | 'institution'
  | 'homeOffice'
  | 'otherOffice'
  | 'anonymous';

const PARTNER = `__typename ... on LearningCenter { id } ... on School { id } ... on Library { id }
  ... on CulturalCenter { id } ... on CivilProvider { id } ... on EducationOffice { code }`;
export const PARTNERSHIP_FIELDS = `id kind since active status proposedBy proposedAt proposalNote decidedBy decidedAt
  declineReason center { id } partner { ${PARTNER} }`;
export const RESOURCE_FIELDS = `id kind name description note recordedAt archivedAt district { code } dong { code }
  institution { __typename ... on Library { id } ... on CulturalCenter { id } ... on School { id } ... on LearningCenter { id } }`;

const OPERATIONS: Record<string, { inputType: string; node: string; fields: string }> = {
  createPartnership: { inputType: 'CreatePartnershipInput', node: 'partnership', fields: PARTNERSHIP_FIELDS },
  proposePartnership: { inputType: 'ProposePartnershipInput', node: 'partnership', fields: PARTNERSHIP_FIELDS },
  approvePartnership: { inputType: 'PartnershipIdInput', node: 'partnership', fields: PARTNERSHIP_FIELDS },
  declinePartnership: { inputType: 'DeclinePartnershipInput', node: 'partnership', fields: PARTNERSHIP_FIELDS },
  endPartnership: { inputType: 'PartnershipIdInput', node: 'partnership', fields: PARTNERSHIP_FIELDS },
  recordDiscoveredResource: {
    inputType: 'RecordDiscoveredResourceInput',
    node: 'discoveredResource',
    fields: RESOURCE_FIELDS,
  },
  archiveDiscoveredResource: {
    inputType: 'DiscoveredResourceIdInput',
    node: 'discoveredResource',
    fields: RESOURCE_FIELDS,
  },
};

const tokens = new Map<Caller, string | undefined>();
/** The caller's token, for requests that do not go through the gateway. */
export const tokenOf = (caller: Caller): string | undefined => tokens.get(caller);
/** The office of education of HOME's schools, another office, and a school of AWAY (supervised by that other office). */
export const offices = { home: '', other: '', awaySchool: '' };

/** Runs a mutation of this file's set through the gateway as `caller`: its payload, with no GraphQL errors. */
export function call(mutation: string, input: Record<string, unknown>, caller: Caller): Promise<Payload> {
  const { inputType, node, fields } = OPERATIONS[mutation];
  return mutateThroughGateway({
    mutation,
    inputType,
    input,
    selection: `${node} { ${fields} }`,
    token: tokens.get(caller),
  });
}

/** A query through the gateway as `caller`; its data, with no GraphQL errors. */
export async function readAs(caller: Caller, text: string, variables: Record<string, unknown> = {}): Promise<any> {
  const { data, errors } = await graphql(gateway(), text, variables, {}, { token: tokens.get(caller) });
  expect(errors).toBeUndefined();
  return data;
}

/** The network writes' set-up (world, database), then a token for every caller of this file. */
export function setUpCooperation(): void {
  setUpNetworkWrites();
  beforeAll(async () => {
    const data = await readAs(
      'anonymous',
      `query($home: ID!, $away: ID!) {
        home: district(code: $home) { educationOffice { code } }
        away: district(code: $away) { educationOffice { code } schools(first: 1) { edges { node { id } } } }
      }`,
      { home: HOME, away: AWAY },
    );
    offices.home = data.home.educationOffice.code;
    offices.other = data.away.educationOffice.code;
    offices.awaySchool = data.away.schools.edges[0].node.id;
    expect(offices.home).not.toBe(offices.other);
    const claims: Record<Exclude<Caller, 'anonymous'>, TokenClaims> = {
      cityAdmin: { sub: 'cooperation-admin', role: Role.CITY_ADMIN },
      homeOfficer: { sub: 'cooperation-officer', role: Role.DISTRICT_OFFICER, district: HOME },
      awayOfficer: { sub: 'cooperation-away-officer', role: Role.DISTRICT_OFFICER, district: AWAY },
      homeExpert: { sub: 'cooperation-expert', role: Role.EXPERT, district: HOME },
      awayExpert: { sub: 'cooperation-away-expert', role: Role.EXPERT, district: AWAY },
      resident: { sub: 'cooperation-resident', role: Role.RESIDENT },
      analyst: { sub: 'cooperation-analyst', role: Role.ANALYST },
      institution: { sub: 'cooperation-school', role: Role.INSTITUTION, institution: `School:${offices.awaySchool}` },
      homeOffice: { sub: 'cooperation-home-office', role: Role.EDUCATION_OFFICE, educationOffice: offices.home },
      otherOffice: { sub: 'cooperation-other-office', role: Role.EDUCATION_OFFICE, educationOffice: offices.other },
    };
    for (const [name, claim] of Object.entries(claims)) tokens.set(name as Caller, await tokenFor(claim));
    tokens.set('anonymous', undefined);
  });
}
