import path from 'node:path';
import { z } from 'zod';
import { UPLOAD_MAX_BYTES_DEFAULT } from '@baoxiu/shared';

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Loopback unless told: a demo on a laptop is not reachable from the network by accident. */
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^mysql:\/\//, 'DATABASE_URL must be mysql://user:pass@host:port/db')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be redis://host:port')
    .optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  DEMO_PASSWORD: z.string().min(4).default('demo123'),
  SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  JWT_SECRET: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i)
    .default('baoxiu'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(UPLOAD_MAX_BYTES_DEFAULT),
  H5_DIR: z.string().optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  RATE_LIMIT_TICKETS_PER_IP: z.coerce.number().int().min(0).default(20),
  RATE_LIMIT_TICKETS_PER_ASSET: z.coerce.number().int().min(0).default(30),
  RATE_LIMIT_UPLOADS_PER_IP: z.coerce.number().int().min(0).default(60),
  /** Knowledge-base events (suggestion shown, article opened …) one reporter device may send per minute. */
  RATE_LIMIT_KB_EVENTS_PER_DEVICE: z.coerce.number().int().min(0).default(60),
  /** Suggestion searches (one per pause in typing) per IP per minute. */
  RATE_LIMIT_KB_SUGGESTIONS_PER_IP: z.coerce.number().int().min(0).default(120),
  /** Failed sign-ins (password or WeChat) before a lock: per account, and per address. */
  LOGIN_MAX_FAILURES_PER_USER: z.coerce.number().int().min(0).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(0).default(30),
  /** First lock in seconds; each further failure doubles it, up to an hour. */
  LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).default(60),
  /** scrypt cost as log2(N) (17: OWASP's N=2^17, r=8, p=1); stored in each hash, weaker hashes are upgraded at sign-in. */
  PASSWORD_SCRYPT_LOG2N: z.coerce.number().int().min(10).max(20).default(17),
  /** Origins allowed to call the API from a browser (comma-separated); empty = same origin only. */
  CORS_ORIGINS: z.string().default(''),
  /** Bearer token for GET /metrics; unset = /metrics answers 404 on the API port. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /** A listener serving only /metrics (what a worker, which has no HTTP, is scraped on). */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.url().optional(),
  /** The API base is the local WeChat stand-in: enables the documented H5 dev sign-in. */
  WECHAT_STANDIN: z.enum(['true', 'false']).default('false'),
  WECHAT_ENV_VERSION: z.enum(['release', 'trial', 'develop']).default('release'),
  /** on: plans, quotas and invoices; off (self-hosted, one company): every module, no quotas. */
  BILLING: z.enum(['on', 'off']).default('on'),
  OPERATOR_TOKEN: z.string().min(24, 'OPERATOR_TOKEN must be at least 24 characters').optional(),
  RATE_LIMIT_QUOTES_PER_IP: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_SIGNUPS_PER_IP: z.coerce.number().int().min(0).default(5),
});

/** A setting that makes starting pointless: reported in one line, without a stack. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  uploadDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  publicBaseUrl: string;
  demoPassword: string;
  seedDemo: 'auto' | 'true' | 'false';
  jwtSecret: string | undefined;
  logLevel: string;
  role: 'all' | 'api' | 'worker';
  queuePrefix: string;
  workerConcurrency: number;
  /** How long a job stays locked to a worker that stopped answering before another worker redoes it (BullMQ). */
  workerLockMs: number;
  uploadMaxBytes: number;
  h5Dir: string;
  /** Read the client address from X-Forwarded-For: only behind a proxy that sets it. */
  trustProxy: boolean;
  /** Public endpoints: tickets per IP a minute, per asset an hour, uploads per IP a minute (0 = off). */
  rateLimits: {
    ticketsPerIp: number;
    ticketsPerAsset: number;
    uploadsPerIp: number;
    kbEventsPerDevice: number;
    kbSuggestionsPerIp: number;
  };
  login: { maxFailuresPerUser: number; maxFailuresPerIp: number; lockSeconds: number };
  /** scrypt N for new hashes (as log2). */
  passwordLog2N: number;
  corsOrigins: string[];
  /** Prometheus: bearer token (GET /metrics on the API port) and an optional metrics-only port. */
  metrics: { token?: string; port?: number };
  wechat: { appId?: string; secret?: string; apiBase?: string; standin: boolean; envVersion: 'release' | 'trial' | 'develop' };
  billing: { enabled: boolean; operatorToken: string | undefined; quotesPerIp: number; signupsPerHourPerIp: number };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  // An empty variable (`DATABASE_URL=` in a compose file or .env) means "not set", not an invalid value.
  const e = EnvSchema.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    uploadDir: path.join(dataDir, 'uploads'),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    demoPassword: e.DEMO_PASSWORD,
    seedDemo: e.SEED_DEMO,
    jwtSecret: e.JWT_SECRET,
    logLevel: e.LOG_LEVEL,
    role: e.ROLE,
    queuePrefix: e.QUEUE_PREFIX,
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerLockMs: e.WORKER_LOCK_MS,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    h5Dir: path.resolve(e.H5_DIR ?? path.join(__dirname, '../../miniapp/dist/h5')),
    trustProxy: e.TRUST_PROXY === 'true',
    rateLimits: {
      ticketsPerIp: e.RATE_LIMIT_TICKETS_PER_IP,
      ticketsPerAsset: e.RATE_LIMIT_TICKETS_PER_ASSET,
      uploadsPerIp: e.RATE_LIMIT_UPLOADS_PER_IP,
      kbEventsPerDevice: e.RATE_LIMIT_KB_EVENTS_PER_DEVICE,
      kbSuggestionsPerIp: e.RATE_LIMIT_KB_SUGGESTIONS_PER_IP,
    },
    login: {
      maxFailuresPerUser: e.LOGIN_MAX_FAILURES_PER_USER,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      lockSeconds: e.LOGIN_LOCK_SECONDS,
    },
    passwordLog2N: e.PASSWORD_SCRYPT_LOG2N,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    wechat: {
      appId: e.WECHAT_APPID,
      secret: e.WECHAT_SECRET,
      apiBase: e.WECHAT_API_BASE,
      standin: e.WECHAT_STANDIN === 'true',
      envVersion: e.WECHAT_ENV_VERSION,
    },
    billing: {
      enabled: e.BILLING === 'on',
      operatorToken: e.OPERATOR_TOKEN,
      quotesPerIp: e.RATE_LIMIT_QUOTES_PER_IP,
      signupsPerHourPerIp: e.RATE_LIMIT_SIGNUPS_PER_IP,
    },
    ...overrides,
  };
}
