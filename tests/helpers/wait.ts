/** Polls until the check returns true (a condition, not a fixed sleep); throws after the timeout. */
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Hết thời gian chờ: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
