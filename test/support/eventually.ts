/** Retries an assertion until it passes or the time is up; for effects of background workers. */
export async function eventually(assertion: () => Promise<void> | void, ms = 10_000, every = 50): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, every));
    }
  }
}
