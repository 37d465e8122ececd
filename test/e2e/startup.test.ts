import { ensureH5Build, freshDataDir, startServer } from './helpers/server';

describe('starting the system as a newcomer does', () => {
  beforeAll(() => ensureH5Build());

  it('prints the demo URLs and the password on a restart too, not only on the first start', async () => {
    const dataDir = freshDataDir();
    const first = await startServer({ dataDir });
    const firstLogs = first.logs();
    await first.stop();
    expect(firstLogs).toContain('is ready');
    const urls = firstLogs.match(/https?:\/\/\S+\/r\/[A-Z0-9]+/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);

    const again = await startServer({ dataDir });
    const logs = again.logs();
    await again.stop();
    expect(logs).not.toContain('is ready');
    expect(logs).toContain('password "demo123"');
    // Each start has its own free port; the asset codes are what must come back.
    for (const url of urls) expect(logs).toContain(url.slice(url.indexOf('/r/')));
    expect(logs).toMatch(/admin \(admin\)/);
  });
});
