/**
 * `npm run token -- --role ROLE [--sub ID] [--district CODE] [--education-office CODE]
 * [--institution Typename:id] [--expires 12h]` prints a development token
 * signed with JWT_SECRET.
 */
import { parseArgs } from 'node:util';
import { Role, signToken } from '../lib/auth';
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
    },
  });
  const role = values.role as Role;
  if (!Object.values(Role).includes(role)) {
    throw new Error(`--role must be one of ${Object.values(Role).join(', ')}`);
  }
  const token = await signToken(
    {
      sub: values.sub ?? `dev-${role.toLowerCase()}`,
      role,
      district: values.district,
      educationOffice: values['education-office'],
      institution: values.institution,
    },
    loadConfig().auth,
    values.expires,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error) => {
  console.error(`token: ${(error as Error).message}`);
  process.exit(2);
});
