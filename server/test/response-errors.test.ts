import { createApp } from '../src/app';
import type { Deps } from '../src/deps';
import { startTestSystem, type TestSystem } from './helpers/system';

/** Errors Koa reports after a response has started (a download the client abandoned) reach the service log. */
describe('errors after a response started', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem('sqlite');
  });
  afterAll(() => sys.stop());

  const withLog = () => {
    const seen: Array<{ level: string; msg: string }> = [];
    const log = Object.assign(Object.create(sys.deps.log) as Deps['log'], {
      debug: (_fields: object, msg: string) => seen.push({ level: 'debug', msg }),
      error: (_fields: object, msg: string) => seen.push({ level: 'error', msg }),
    });
    const app = createApp({ ...sys.deps, log });
    app.callback(); // where Koa would add its console.error listener if the app had none
    return { app, seen };
  };

  it('logs a client that hung up mid-response at debug, never on the console', () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { app, seen } = withLog();
      app.emit('error', Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
      app.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
      expect(seen).toEqual([
        { level: 'debug', msg: 'client closed the connection mid-response' },
        { level: 'debug', msg: 'client closed the connection mid-response' },
      ]);
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });

  it('logs any other late failure as an error', () => {
    const { app, seen } = withLog();
    app.emit('error', new Error('disk full'));
    expect(seen).toEqual([{ level: 'error', msg: 'response failed after it started' }]);
  });
});
