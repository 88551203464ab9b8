import { z } from 'zod';

/** Every setting the shell reads from the environment, validated once at start-up. */
const ConfigSchema = z
  .object({
    /**
     * host:port of a Temporal frontend; absent (here and in a Temporal profile) means `npm start` runs the
     * embedded dev server. Validated here; what to connect to is temporalTargetOf() in temporalConnection.ts.
     */
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be host:port, e.g. "localhost:7233"')
      .optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TASK_QUEUE: z.string().min(1).default('ses-personnel-actions'),
    /** Absent: the SQLite store in DATA_DIR (sqlite:./data/events.db by default). */
    EVENTSTORE_URL: z.string().min(1).optional(),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
    /** Ports of the embedded dev server (ignored when TEMPORAL_ADDRESS is set). */
    TEMPORAL_DEV_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
    TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
    DATA_DIR: z.string().min(1).default('./data'),
    /** The people dev tokens are minted for (embedded default). */
    AUTH_USERS_FILE: z.string().min(1).default('./config/users.json'),
    /** An OIDC issuer: set both to verify its tokens instead of the local key. */
    AUTH_ISSUER: z.url().optional(),
    AUTH_JWKS_URL: z.url().optional(),
    AUTH_AUDIENCE: z.string().min(1).default('ses-api'),
    /** The claim holding the person's roles in the issuer's tokens. */
    AUTH_ROLES_CLAIM: z.string().min(1).default('roles'),
    /** The web application's client at the OIDC issuer (authorization code with PKCE); needed for browser sign-in when AUTH_ISSUER is set. */
    AUTH_CLIENT_ID: z.string().min(1).optional(),
    /** Only for an issuer that treats the web application as a confidential client; PKCE is used either way. */
    AUTH_CLIENT_SECRET: z.string().min(1).optional(),
    AUTH_SCOPES: z.string().min(1).default('openid profile email'),
    /** How long a browser session lasts (seconds): 8 hours, a working day, by default. */
    SESSION_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(12 * 3600)
      .default(8 * 3600),
    /** Temporal environment configuration (client/temporalConnection.ts): the TOML profile file and the profile in it. */
    TEMPORAL_CONFIG_FILE: z.string().min(1).optional(),
    TEMPORAL_PROFILE: z.string().min(1).optional(),
    /** Structured JSON logs (pino) of the API and the worker at this level and above. */
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    /** Mail for notifications goes through this SMTP server (smtp://host:port); absent, notifications stay in the application (`npm start` sets it to its Mailpit). */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL, e.g. "smtp://127.0.0.1:1025"')
      .optional(),
    /** The sender of notification mail. */
    NOTIFY_FROM: z.string().min(3).default('SES personnel actions <no-reply@ses-workflows.example>'),
    /** The application's address as people reach it: the links in notification mail (default http://API_HOST:API_PORT). */
    APP_URL: z.url().optional(),
    /** The first retry of a failed notification mail waits this long (ms); each next one twice as long, up to 15 minutes. */
    NOTIFY_RETRY_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
    /** How long one mail attempt holds its notification against other notifiers on the same DATA_DIR (ms). */
    NOTIFY_CLAIM_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    /** Ports of the mail catcher `npm start` runs when SMTP_URL is not set (Mailpit: SMTP, web page). */
    MAILPIT_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
    MAILPIT_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8025),
    /** An OTLP/HTTP collector (e.g. http://127.0.0.1:4318): traces are exported there; absent, none are. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
    /** When set, GET /metrics asks for `Authorization: Bearer <METRICS_TOKEN>`; absent, /metrics is open. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** host:port where the worker serves Temporal's worker metrics (Prometheus), or "off"; absent: off, except `npm start` (127.0.0.1:9464). */
    WORKER_METRICS_ADDRESS: z
      .string()
      .regex(/^(off|[A-Za-z0-9.-]+:\d{1,5})$/, 'must be host:port, e.g. "127.0.0.1:9464", or "off"')
      .optional(),
    /**
     * Keys sealing Temporal payloads (AES-256-GCM): "<key id>:<32 bytes, base64>" entries separated by commas;
     * absent: PAYLOAD_KEYS_FILE, else DATA_DIR/payload-keys.json (made on first use).
     */
    PAYLOAD_KEYS: z.string().min(1).optional(),
    /** Which of PAYLOAD_KEYS seals new payloads (the others still open old ones); needed when there are several. */
    PAYLOAD_ACTIVE_KEY: z.string().min(1).optional(),
    /** A keyring file, mode 0600: {"active": "<key id>", "keys": {"<key id>": "<base64>"}}. */
    PAYLOAD_KEYS_FILE: z.string().min(1).optional(),
    /** Origins of Temporal Web UIs allowed to call the codec endpoint (/codec), comma-separated; absent: the dev server's UI, http://localhost:TEMPORAL_UI_PORT and http://127.0.0.1:TEMPORAL_UI_PORT. */
    TEMPORAL_UI_ORIGINS: z
      .string()
      .regex(/^https?:\/\/[^\s,/]+(,\s*https?:\/\/[^\s,/]+)*$/, 'must be origins separated by commas, e.g. "https://temporal.example.gov"')
      .optional(),
    /** The Ed25519 key that signs store checkpoints (PKCS#8 PEM, mode 0600); absent: DATA_DIR/checkpoint-signing-key.pem, made on first use. */
    CHECKPOINT_SIGNING_KEY_FILE: z.string().min(1).optional(),
    /** The checkpoint key's public half (`ses audit checkpoint public-key`): verification uses it instead of the signing key's own. */
    CHECKPOINT_PUBLIC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'must be the 43-character base64url key `ses audit checkpoint public-key` prints')
      .optional(),
    /** The API signs a checkpoint this often (seconds) when the store has moved; 0: only on demand and at exports. */
    CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
    /** Requests a minute per person (and per client address for requests without credentials) the API answers; 0: no limit. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(1200),
    /** How many of them may come at once (the token bucket's size). */
    RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).default(600),
    /** How far (seconds) a token's or session's exp and nbf may be off the API's clock and still be accepted: clocks of issuer and API differ. */
    AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
  })
  .refine((c) => (c.AUTH_ISSUER === undefined) === (c.AUTH_JWKS_URL === undefined), {
    message: 'set AUTH_ISSUER and AUTH_JWKS_URL together (an OIDC issuer and its JWKS), or neither for local dev tokens',
    path: ['AUTH_JWKS_URL'],
  })
  .transform((c) => ({ ...c, EVENTSTORE_URL: c.EVENTSTORE_URL ?? `sqlite:${c.DATA_DIR}/events.db` }));
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment; a bad value throws one line naming the variable and the rule. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(defined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`invalid configuration: ${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
};
