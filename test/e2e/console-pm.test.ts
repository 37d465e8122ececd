import { shooter } from './helpers/browser';
import { consoleSignIn as signIn, on, consoleSuite } from './helpers/desktop';
import { waitForText } from './helpers/wait';

describe('console preventive maintenance page in a desktop browser', () => {
  const suite = consoleSuite();

  it('creates a daily plan with a checklist and shows its visits on the month calendar', async () => {
    const shot = shooter('console-pm');
    const p = suite.desk.page;
    await signIn(p, suite.server.baseUrl, 'admin');
    await on(p, '#nav-pm').click();
    await on(p, '#pm-plan-new').waitFor();
    await on(p, '#pm-plan-new input[name="name"]').fill('E2E 每日巡检');
    await on(p, '#pm-plan-new input[name="rrule"]').fill('FREQ=DAILY');
    await on(p, '#pm-plan-new select[name="holidayPolicy"]').selectOption('ignore');
    await p.locator('#pm-plan-new .pm-form__actions taro-button-core').first().click();
    await on(p, '#pm-plan-new .pm-form__label').fill('滤网清洁');
    await p.locator('#pm-plan-new .pm-form__save').click();
    await waitForText(on(p, '#pm-plan-table'), 'E2E 每日巡检');
    await on(p, '#pm-calendar .pm-cal__visit').first().waitFor();
    await waitForText(on(p, '#pm-calendar'), 'E2E 每日巡检');
    await shot(p, 'pm-calendar');
  });
});
