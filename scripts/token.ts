/**
 * `npm run token -- --role ROLE [--sub ID] [--district CODE] [--education-office CODE]
 * [--institution Typename:id] [--expires 12h] [--private-key FILE]` prints a token.
 * With a private key (--private-key or JWT_PRIVATE_KEY_FILE; `npm run keys` makes
 * one) it is a production token, verified by the services with the public key
 * only. Without one it is a development token, HS256-signed with the development
 * JWT_SECRET, which only a hub in development mode accepts. Each token gets a
 * subject of its own unless --sub is given.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadSigningKey, Role, signToken } from '../lib/auth';
import { loadConfig } from '../lib/config';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      district: { type: 'string' },
      'education-office': { type: 'string' },
      institution: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      'private-key': { type: 'string' },
    },
  });
  const role = values.role as Role;
  if (!Object.values(Role).includes(role)) {
    throw new Error(`--role must be one of ${Object.values(Role).join(', ')}`);
  }
  const keyFile = values['private-key'] ?? process.env.JWT_PRIVATE_KEY_FILE;
  // Without a private key this is a development tool: it signs with the development secret, explicitly.
  if (!keyFile) process.env.NODE_ENV ??= 'development';
  const token = await signToken(
    {
      sub: values.sub ?? `${role.toLowerCase().replace(/_/g, '-')}-${randomUUID()}`,
      role,
      district: values.district,
      educationOffice: values['education-office'],
      institution: values.institution,
    },
    loadConfig().auth,
    values.expires,
    keyFile ? await loadSigningKey(keyFile) : undefined,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error) => {
  console.error(`token: ${(error as Error).message}`);
  process.exit(2);
});
