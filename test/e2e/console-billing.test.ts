import { shooter } from './helpers/browser';
import { consoleSignIn as signIn, on, openDesktop, type Desktop } from './helpers/desktop';
import { ensureH5Build, startServer, type RunningServer } from './helpers/server';
import { waitForText } from './helpers/wait';

describe('console billing page in a desktop browser', () => {
  let server: RunningServer;
  let desk: Desktop;

  beforeAll(async () => {
    ensureH5Build();
    server = await startServer();
    desk = await openDesktop();
  });

  afterAll(async () => {
    await desk?.close();
    await server?.stop();
  });

  it('shows the demo tenant on a trial of the top plan with its upcoming invoice, and previews a seat change', async () => {
    const shot = shooter('console-billing');
    const p = desk.page;
    await signIn(p, server.baseUrl, 'admin');
    await on(p, '#nav-billing').click();
    await on(p, '#billing-plan').waitFor();
    await waitForText(on(p, '#billing-phase'), '试用');
    await waitForText(on(p, '#billing-trial-left'), '14');
    await waitForText(on(p, '#billing-seats'), '5 / 已购 10');
    await on(p, '#billing-preview-lines').waitFor();
    await waitForText(on(p, '#billing-preview-total'), '¥0.00');
    await shot(p, 'billing');
    await on(p, '#billing-seats-input').fill('12');
    await on(p, '#billing-preview-change').click();
    await on(p, '#billing-proposal').waitFor();
    await on(p, '#billing-confirm-change').waitFor();
    await shot(p, 'billing-change-preview');
  });
});
