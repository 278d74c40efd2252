import { resolve } from 'node:path';

/** A path as the user typed it: relative to where `npm run` was called, not to the project root. */
export function fromUserDirectory(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** The token given by flag, else BAEUMTEO_TOKEN from the environment. */
export function tokenFrom(flag: string | undefined): string | undefined {
  return flag ?? process.env.BAEUMTEO_TOKEN;
}
