/** Polls until `check` is true (a check that throws counts as false); throws after `limitMs`, saying `what` is still not so. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  what: string,
  limitMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: still not so after ${limitMs} ms`);
}
