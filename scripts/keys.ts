/**
 * `npm run keys -- --out DIR [--alg EdDSA|ES256|RS256]` makes the token key pair of a deployment:
 * DIR/jwt-private.pem (mode 0600: for whoever issues tokens, `npm run token -- --private-key`; no service
 * holds it), DIR/jwt-public.pem (JWT_PUBLIC_KEY_FILE of the services) and DIR/jwks.json (the same public
 * key as a key set, for JWKS_URL or JWT_PUBLIC_KEY_FILE; add the next key there before rotating).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';

const ALGORITHMS = ['EdDSA', 'ES256', 'RS256'];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, alg: { type: 'string', default: 'EdDSA' } } });
  if (!values.out) throw new Error('--out DIR is required');
  if (!ALGORITHMS.includes(values.alg)) throw new Error(`--alg must be one of ${ALGORITHMS.join(', ')}`);
  const files = {
    privateKey: join(values.out, 'jwt-private.pem'),
    publicKey: join(values.out, 'jwt-public.pem'),
    jwks: join(values.out, 'jwks.json'),
  };
  const existing = Object.values(files).filter((file) => existsSync(file));
  if (existing.length > 0) throw new Error(`refusing to overwrite ${existing.join(', ')}`);
  const { privateKey, publicKey } = await generateKeyPair(values.alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk); // the kid `npm run token` puts in its tokens
  mkdirSync(values.out, { recursive: true });
  writeFileSync(files.privateKey, await exportPKCS8(privateKey), { mode: 0o600 });
  writeFileSync(files.publicKey, await exportSPKI(publicKey));
  writeFileSync(files.jwks, `${JSON.stringify({ keys: [{ ...jwk, kid, alg: values.alg, use: 'sig' }] }, null, 2)}\n`);
  console.log(
    `wrote ${files.privateKey} (keep it with the token issuer only), ${files.publicKey} and ${files.jwks} (kid ${kid})`,
  );
}

main().catch((error) => {
  console.error(`keys: ${(error as Error).message}`);
  process.exit(2);
});
