import type { Locator } from 'playwright-core';

/** playwright-core has no web-first assertions: retry a check until it holds or time runs out. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const reason = last instanceof Error ? last.message : String(last);
      throw new Error(`timed out waiting for ${what}: ${reason}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function waitForAttr(locator: Locator, name: string, value: string, timeoutMs?: number): Promise<void> {
  await eventually(
    async () => {
      const actual = await locator.getAttribute(name, { timeout: 1000 });
      if (actual !== value) throw new Error(`${name}="${actual}", want "${value}"`);
    },
    timeoutMs,
    `${locator} [${name}="${value}"]`,
  );
}

export async function waitForText(locator: Locator, pattern: RegExp | string, timeoutMs?: number): Promise<string> {
  return eventually(
    async () => {
      const text = ((await locator.textContent({ timeout: 1000 })) ?? '').trim();
      const ok = typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
      if (!ok) throw new Error(`text "${text}" does not match ${String(pattern)}`);
      return text;
    },
    timeoutMs,
    `${locator} text ${String(pattern)}`,
  );
}

export async function waitForCount(locator: Locator, count: number, timeoutMs?: number): Promise<void> {
  await eventually(
    async () => {
      const actual = await locator.count();
      if (actual !== count) throw new Error(`count ${actual}, want ${count}`);
    },
    timeoutMs,
    `${locator} ×${count}`,
  );
}
