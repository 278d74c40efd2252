import type { RunningStack } from '../../scripts/stack';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __BAEUMTEO_STACK__?: RunningStack }).__BAEUMTEO_STACK__?.stop();
}
