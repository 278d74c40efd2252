/**
 * Identity: JWT bearer tokens (HS256 with JWT_SECRET, or a JWKS for
 * production keys). The gateway verifies a token and forwards it; every
 * subgraph verifies it again, so a subgraph never trusts a claim it did not
 * check itself.
 */
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { AuthConfig } from './config';

/** The header by which the gateway proves itself to a subgraph (each subgraph has its own secret). */
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';

export enum Role {
  CITY_ADMIN = 'CITY_ADMIN',
  DISTRICT_OFFICER = 'DISTRICT_OFFICER',
  EDUCATION_OFFICE = 'EDUCATION_OFFICE',
  INSTITUTION = 'INSTITUTION',
  EXPERT = 'EXPERT',
  RESIDENT = 'RESIDENT',
  ANALYST = 'ANALYST',
}

export const INSTITUTION_TYPENAMES = ['LearningCenter', 'School', 'Library', 'CulturalCenter', 'CivilProvider'] as const;
export type InstitutionTypename = (typeof INSTITUTION_TYPENAMES)[number];

/** Who is asking, and what the role acts on. */
export interface Identity {
  subject: string;
  role: Role;
  /** DISTRICT_OFFICER, EXPERT: the 5-digit gu code. */
  district?: string;
  /** EDUCATION_OFFICE: the office code, e.g. "7021000". */
  educationOffice?: string;
  /** INSTITUTION: the institution it acts for. */
  institution?: { typename: InstitutionTypename; id: string };
}

/** The claim each scoped role must carry. */
const SCOPE_CLAIM: Partial<Record<Role, 'district' | 'educationOffice' | 'institution'>> = {
  [Role.DISTRICT_OFFICER]: 'district',
  [Role.EXPERT]: 'district',
  [Role.EDUCATION_OFFICE]: 'educationOffice',
  [Role.INSTITUTION]: 'institution',
};

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** `School:B000001838` -> { typename: 'School', id: 'B000001838' } */
export function parseInstitutionClaim(value: unknown): Identity['institution'] {
  const match = typeof value === 'string' ? /^([A-Za-z]+):(.+)$/.exec(value) : null;
  if (!match || !INSTITUTION_TYPENAMES.includes(match[1] as InstitutionTypename)) return undefined;
  return { typename: match[1] as InstitutionTypename, id: match[2] };
}

export function identityFromClaims(payload: JWTPayload): Identity {
  const role = payload.role as Role;
  if (!payload.sub) throw unauthenticated('The token has no subject (sub).');
  if (!Object.values(Role).includes(role)) throw unauthenticated(`The token's role ${JSON.stringify(payload.role)} is not one of ${Object.values(Role).join(', ')}.`);
  const identity: Identity = { subject: payload.sub, role };
  if (typeof payload.district === 'string') identity.district = payload.district;
  if (typeof payload.educationOffice === 'string') identity.educationOffice = payload.educationOffice;
  if (payload.institution !== undefined) identity.institution = parseInstitutionClaim(payload.institution);
  const scope = SCOPE_CLAIM[role];
  if (scope && !identity[scope]) throw unauthenticated(`A ${role} token needs the ${scope} claim${scope === 'institution' ? ' as Typename:id' : ''}.`);
  return identity;
}

export interface TokenVerifier {
  /** The identity of an Authorization header value; null when there is none (anonymous). */
  identify(authorization: string | undefined): Promise<Identity | null>;
}

export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const key = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : new TextEncoder().encode(config.jwtSecret);
  return {
    async identify(authorization) {
      if (!authorization) return null;
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
      try {
        const { payload } = await jwtVerify(match[1], key as Uint8Array, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: config.jwksUrl ? undefined : ['HS256'],
        });
        return identityFromClaims(payload);
      } catch (error) {
        if (error instanceof GraphQLError) throw error;
        throw unauthenticated(`The token is not valid: ${(error as Error).message}`);
      }
    },
  };
}

export interface TokenClaims {
  sub: string;
  role: Role;
  district?: string;
  educationOffice?: string;
  /** `Typename:id` */
  institution?: string;
}

/** Signs an HS256 token with JWT_SECRET: for development, tests and `npm run token`. */
export async function signToken(claims: TokenClaims, config: AuthConfig, expiresIn = '12h'): Promise<string> {
  identityFromClaims(claims as unknown as JWTPayload); // refuse to sign what verification would refuse
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(config.jwtSecret));
}
