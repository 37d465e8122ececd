import http from 'node:http';

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: SseEvent[];
  comments: string[];
  /** The body of a non-stream answer (an error), once it ended. */
  body: Promise<string>;
  waitFor(pred: (e: SseEvent) => boolean, what: string, timeoutMs?: number): Promise<SseEvent>;
  waitForComment(text: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens an SSE stream with a plain HTTP request and parses frames as they arrive (no EventSource in Node's test run). */
export function openSse(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrl}${path}`, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let buffer = '';
      let raw = '';
      res.setEncoding('utf8');
      const body = new Promise<string>((done) => res.on('end', () => done(raw)));
      res.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const e: SseEvent = { id: null, event: 'message', data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) {
              e.id = line.slice(4);
              isEvent = true;
            } else if (line.startsWith('event: ')) {
              e.event = line.slice(7);
              isEvent = true;
            } else if (line.startsWith('data: ')) {
              e.data += line.slice(6);
              isEvent = true;
            }
          }
          if (isEvent) events.push(e);
        }
        for (const w of [...waiters]) w();
      });
      const until = (check: () => boolean, what: string, timeoutMs: number) =>
        new Promise<void>((ok, fail) => {
          if (check()) return ok();
          const timer = setTimeout(() => {
            waiters.delete(tick);
            fail(new Error(`timed out waiting for ${what}; got ${JSON.stringify(events)}`));
          }, timeoutMs);
          const tick = () => {
            if (!check()) return;
            clearTimeout(timer);
            waiters.delete(tick);
            ok();
          };
          waiters.add(tick);
        });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        comments,
        body,
        async waitFor(pred, what, timeoutMs = 10_000) {
          await until(() => events.some(pred), what, timeoutMs);
          return events.find(pred) as SseEvent;
        },
        waitForComment(text, timeoutMs = 10_000) {
          return until(() => comments.includes(text), `comment ${text}`, timeoutMs);
        },
        close() {
          req.destroy();
        },
      });
    });
    req.on('error', (err) => {
      if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(err);
    });
  });
}
