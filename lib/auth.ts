/**
 * Identity: JWT bearer tokens, verified with public keys in production (a JWKS
 * URL, or a PEM key / JWKS document) and with the HS256 JWT_SECRET in
 * development. The gateway verifies a token and forwards it; every subgraph
 * verifies it again, so a subgraph never trusts a claim it did not check itself.
 * Every token must expire, within JWT_MAX_LIFETIME of its issue.
 */
import { createPrivateKey, createPublicKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';
import type { AuthConfig } from './config';
import { INSTITUTION_TYPENAMES, type InstitutionTypename } from './typenames';

/** The header by which the gateway proves itself to a subgraph (each subgraph has its own secret). */
export const GATEWAY_SECRET_HEADER = 'x-gateway-secret';

/** A constant-time comparison of a presented secret with the expected one. */
export function secretMatches(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return b.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}

export enum Role {
  CITY_ADMIN = 'CITY_ADMIN',
  DISTRICT_OFFICER = 'DISTRICT_OFFICER',
  EDUCATION_OFFICE = 'EDUCATION_OFFICE',
  INSTITUTION = 'INSTITUTION',
  EXPERT = 'EXPERT',
  RESIDENT = 'RESIDENT',
  ANALYST = 'ANALYST',
}

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

export const MAX_SUBJECT_LENGTH = 255;

export function identityFromClaims(payload: JWTPayload): Identity {
  const role = payload.role as Role;
  if (!payload.sub) throw unauthenticated('The token has no subject (sub).');
  // Subjects are stored (an enrollment's resident); 255 characters is what OpenID Connect allows.
  if (payload.sub.length > MAX_SUBJECT_LENGTH)
    throw unauthenticated(`The token's subject (sub) is longer than ${MAX_SUBJECT_LENGTH} characters.`);
  if (!Object.values(Role).includes(role))
    throw unauthenticated(
      `The token's role ${JSON.stringify(payload.role)} is not one of ${Object.values(Role).join(', ')}.`,
    );
  const identity: Identity = { subject: payload.sub, role };
  if (typeof payload.district === 'string') identity.district = payload.district;
  if (typeof payload.educationOffice === 'string') identity.educationOffice = payload.educationOffice;
  if (payload.institution !== undefined) identity.institution = parseInstitutionClaim(payload.institution);
  const scope = SCOPE_CLAIM[role];
  if (scope && !identity[scope])
    throw unauthenticated(
      `A ${role} token needs the ${scope} claim${scope === 'institution' ? ' as Typename:id' : ''}.`,
    );
  return identity;
}

export interface TokenVerifier {
  /** The identity of an Authorization header value; null when there is none (anonymous). */
  identify(authorization: string | undefined): Promise<Identity | null>;
}

/** The key (or key set) tokens are verified with, and the algorithms it may be used with. */
function verificationKey(config: AuthConfig): { key: KeyLike | Uint8Array | JWTVerifyGetKey; algorithms: string[] } {
  if (config.jwksUrl) return { key: createRemoteJWKSet(new URL(config.jwksUrl)), algorithms: config.algorithms };
  if (config.publicKey) {
    const text = config.publicKey.trim();
    const key = text.startsWith('{') ? createLocalJWKSet(JSON.parse(text) as { keys: JWK[] }) : createPublicKey(text);
    return { key, algorithms: config.algorithms };
  }
  if (config.jwtSecret) return { key: new TextEncoder().encode(config.jwtSecret), algorithms: ['HS256'] };
  throw new Error(
    'No key to verify tokens with: set JWKS_URL, JWT_PUBLIC_KEY_FILE or JWT_PUBLIC_KEY (or JWT_SECRET in development).',
  );
}

/** exp - iat, counting an iat in the future as now (a token cannot shorten its lifetime by claiming a later issue). */
function lifetimeSeconds(payload: JWTPayload): number {
  const now = Math.floor(Date.now() / 1000);
  return payload.exp! - Math.min(payload.iat ?? now, now);
}

export function createTokenVerifier(config: AuthConfig): TokenVerifier {
  const { key, algorithms } = verificationKey(config);
  const options = { issuer: config.issuer, audience: config.audience, algorithms, requiredClaims: ['exp'] };
  return {
    async identify(authorization) {
      if (!authorization) return null;
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
      try {
        const { payload } =
          typeof key === 'function' ? await jwtVerify(match[1], key, options) : await jwtVerify(match[1], key, options);
        if (lifetimeSeconds(payload) > config.maxLifetimeSeconds) {
          throw unauthenticated(
            `The token lives longer than the ${config.maxLifetimeSeconds} s this hub accepts (JWT_MAX_LIFETIME): ask for a shorter-lived one.`,
          );
        }
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

/** A private key tokens are signed with (`npm run token -- --private-key FILE`); no service holds one. */
export interface SigningKey {
  key: KeyLike;
  alg: string;
  /** The RFC 7638 thumbprint of the public key, as `npm run keys` writes it into the JWKS. */
  kid: string;
}

const ALG_OF_KEY: Record<string, string> = { ed25519: 'EdDSA', rsa: 'RS256', 'rsa-pss': 'PS256' };
const ALG_OF_CURVE: Record<string, string> = { prime256v1: 'ES256', secp384r1: 'ES384' };

/** The signing key of a PEM (PKCS#8) file or a private JWK file. */
export async function loadSigningKey(path: string): Promise<SigningKey> {
  const text = readFileSync(path, 'utf8').trim();
  const key: KeyObject = text.startsWith('{')
    ? ((await importJWK(JSON.parse(text) as JWK, (JSON.parse(text) as JWK).alg)) as KeyObject)
    : createPrivateKey(text);
  if (key.type !== 'private') throw new Error(`${path} holds no private key`);
  const type = key.asymmetricKeyType ?? '';
  const alg = type === 'ec' ? ALG_OF_CURVE[key.asymmetricKeyDetails?.namedCurve ?? ''] : ALG_OF_KEY[type];
  if (!alg) throw new Error(`${path}: a ${type} key is not one of Ed25519, P-256, P-384 or RSA`);
  return { key, alg, kid: await calculateJwkThumbprint(await exportJWK(createPublicKey(key))) };
}

/**
 * Signs a token: with `signingKey` (production: verified by its public key), or HS256 with the development
 * JWT_SECRET (development, tests and `npm run token` without a key).
 */
export async function signToken(
  claims: TokenClaims,
  config: AuthConfig,
  expiresIn = '12h',
  signingKey?: SigningKey,
): Promise<string> {
  identityFromClaims(claims as unknown as JWTPayload); // refuse to sign what verification would refuse
  if (!signingKey && !config.jwtSecret)
    throw new Error(
      'No signing key: pass a private key (JWT_PRIVATE_KEY_FILE), or set NODE_ENV=development for a development token.',
    );
  const token = new SignJWT({ ...claims })
    .setProtectedHeader(
      signingKey ? { alg: signingKey.alg, kid: signingKey.kid, typ: 'JWT' } : { alg: 'HS256', typ: 'JWT' },
    )
    .setIssuedAt()
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setExpirationTime(expiresIn);
  return token.sign(signingKey ? signingKey.key : new TextEncoder().encode(config.jwtSecret));
}
