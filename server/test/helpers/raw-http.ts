import http from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent as written: no URL normalisation, so `..`, `%zz` and friends reach the server unchanged. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** A bare HTTP client over one keep-alive agent: thousands of sequential calls without supertest's overhead. */
export class RawClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

  constructor(private readonly baseUrl: string) {}

  send(req: RawRequest, timeoutMs = 30_000): Promise<RawResponse> {
    const url = new URL(this.baseUrl);
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
    const headers: Record<string, string> = { ...req.headers };
    if (body) headers['content-length'] = String(body.length);
    return new Promise((resolve, reject) => {
      const r = http.request(
        { host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent: this.agent, timeout: timeoutMs },
        (res) => {
          if (/^text\/event-stream/.test(res.headers['content-type'] ?? '')) {
            // An event stream never ends: its answer is the status line and headers, then the connection is dropped.
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0), json: undefined });
            r.destroy();
            return;
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const buf = Buffer.concat(chunks);
            let json: unknown;
            if (/^application\/json/.test(res.headers['content-type'] ?? '')) {
              try {
                json = JSON.parse(buf.toString('utf8'));
              } catch {
                json = undefined;
              }
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buf, json });
          });
        },
      );
      r.on('timeout', () => r.destroy(new Error(`${req.method} ${req.path.slice(0, 200)} timed out`)));
      r.on('error', reject);
      r.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A multipart/form-data body built by hand, so field names, file names and parts can be anything. */
export function multipart(parts: Array<{ field: string; filename?: string; type?: string; data: Buffer | string }>): {
  body: Buffer;
  contentType: string;
} {
  const boundary = `----bxfuzz${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.field}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
