import { z } from "zod";
import { integerFromEnv, logFormatFromEnv, logLevelFromEnv, mongoUriFromEnv, portFromEnv } from "./env-schemas.ts";
import { ASYMMETRIC_ALGORITHMS } from "./token-algorithms.ts";

/** Shown in the documents until AUTH_TOKEN_URL names the issuer's token endpoint; never called. */
export const PLACEHOLDER_TOKEN_URL = "https://issuer.example/oauth2/token";

/**
 * The variables every service reads, with its own defaults for port and database. A service spreads this
 * shape into its own schema and adds what is its own.
 */
export function serviceConfigShape(defaults: { port: number; dbName: string; jsonMaxDepth?: number }) {
  return {
    PORT: portFromEnv.default(defaults.port),
    HOST: z.string().min(1).default("0.0.0.0"),
    MONGODB_URI: mongoUriFromEnv,
    MONGODB_DB: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/, "must be a database name")
      .default(defaults.dbName),
    /** How fast an unreachable database becomes a 503 instead of a hanging request. */
    MONGODB_SERVER_SELECTION_TIMEOUT_MS: integerFromEnv({ min: 100, max: 60_000 }).default(2_000),
    /** How long an operation waits on a database that stopped answering (hung, not refused) before a 503. */
    MONGODB_SOCKET_TIMEOUT_MS: integerFromEnv({ min: 500, max: 300_000 }).default(10_000),
    /**
     * How long a request may take: a request that cannot get a database connection, or an answer, by then
     * is a 503 with Retry-After instead of a wait (a caller's shorter `X-Request-Timeout-Ms` wins), and no
     * write starts after it. A few seconds under the gateway's own (10 s), so the service gives up first.
     */
    REQUEST_DEADLINE_MS: integerFromEnv({ min: 100, max: 120_000 }).default(8_000),
    /**
     * Which build this is: on every log line, the trace resource, `/livez` and `build_info`. The image sets
     * both from its build arguments; a process started otherwise says it is no release.
     */
    SERVICE_VERSION: z
      .string()
      .regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,62}$/, "must be 1-63 letters, digits, '.', '+', '_' or '-'")
      .default("0.0.0-dev"),
    /** The commit it was built from: a git object name (7-64 hex digits). */
    SERVICE_COMMIT: z
      .string()
      .regex(/^([0-9a-f]{7,64}|unknown)$/, "must be a commit's hex object name (7-64 digits) or 'unknown'")
      .default("unknown"),
    /**
     * Which track of a rollout this deployment is (`stable`, `canary`): a label on every metric series, so a
     * canary's error ratio and latency are queried apart from the stable one's.
     */
    DEPLOYMENT_TRACK: z.enum(["stable", "canary"]).default("stable"),
    LOG_LEVEL: logLevelFromEnv.default("info"),
    LOG_FORMAT: logFormatFromEnv.default("json"),
    BODY_LIMIT_BYTES: integerFromEnv({ min: 1_024, max: 10_485_760 }).default(65_536),
    /** How deep a request body may nest: deeper is a 400 before any handler sees it. */
    JSON_MAX_DEPTH: integerFromEnv({ min: 2, max: 64 }).default(defaults.jsonMaxDepth ?? 16),
    /** Where clients reach the API, as the documents' `servers` say (default: http://localhost:PORT). */
    API_SERVER_URL: z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ""))
      .optional(),
    /** Who answers for the API, in the documents' `info.contact`. */
    API_CONTACT_NAME: z.string().min(1).default("The team that owns this service"),
    API_CONTACT_URL: z.url().optional(),
    API_CONTACT_EMAIL: z.email().optional(),
    /** The terms the API is offered under, in the documents' `info.license`. */
    API_LICENSE_NAME: z.string().min(1).default("Proprietary"),
    SHUTDOWN_GRACE_MS: integerFromEnv({ min: 0, max: 120_000 }).default(10_000),
    /** A client has this long to send its request headers (Node: 60 s); slow-header clients hold sockets. */
    HTTP_HEADERS_TIMEOUT_MS: integerFromEnv({ min: 1_000, max: 300_000 }).default(10_000),
    /** ... and this long for the whole request, body included (Node: 300 s); then 408 and the socket closes. */
    HTTP_REQUEST_TIMEOUT_MS: integerFromEnv({ min: 1_000, max: 600_000 }).default(30_000),
    /** An idle keep-alive connection is closed after this; behind a load balancer, set it above the balancer's idle timeout. */
    HTTP_KEEP_ALIVE_TIMEOUT_MS: integerFromEnv({ min: 1_000, max: 600_000 }).default(5_000),
    /** The request line and headers together (Node's default); larger is 431. */
    HTTP_MAX_HEADER_BYTES: integerFromEnv({ min: 4_096, max: 65_536 }).default(16_384),
    /** Connections one process holds at once; more are refused at accept, before they cost anything. */
    HTTP_MAX_CONNECTIONS: integerFromEnv({ min: 1, max: 100_000 }).default(1_024),
    /** `false`: no `/metrics` and nothing counted (the benchmark's baseline; a platform that measures at its proxy). */
    METRICS_ENABLED: z
      .enum(["true", "false"])
      .default("true")
      .transform((flag) => flag === "true"),
    /**
     * `jwt` (the default): every request but the public paths needs an OAuth 2.0 bearer JWT from
     * AUTH_ISSUER, checked against AUTH_JWKS_URL. `off`: no authentication, only when set explicitly (local
     * runs and tests that say so), and warned about at start.
     */
    AUTH_MODE: z.enum(["jwt", "off"]).default("jwt"),
    AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).optional(),
    /** The issuer's token endpoint, as the documents show it to clients (OAuth 2.0 client credentials). */
    AUTH_TOKEN_URL: z.url({ protocol: /^https?$/ }).default(PLACEHOLDER_TOKEN_URL),
    /** Accepted signature algorithms, comma-separated; asymmetric only (`none` and shared secrets never). */
    AUTH_ALGORITHMS: z
      .string()
      .default("RS256,PS256,ES256,EdDSA")
      .transform((list) => list.split(",").map((name) => name.trim()))
      .pipe(z.array(z.enum(ASYMMETRIC_ALGORITHMS)).min(1)),
    /** How far the issuer's clock and ours may disagree on expiry and not-before. */
    AUTH_CLOCK_SKEW_SECONDS: integerFromEnv({ min: 0, max: 300 }).default(30),
    /** Paths served without a token, comma-separated (a path and what is below it; `*` is one segment). */
    AUTH_PUBLIC_PATHS: z
      .string()
      .default("/livez,/readyz,/metrics,/docs,/v*/openapi.json")
      .transform((list) =>
        list
          .split(",")
          .map((path) => path.trim())
          .filter(Boolean),
      ),
    /**
     * Writes (POST, PUT, PATCH, DELETE) one client may send per window, counted in MongoDB so every
     * instance shares the count; over it, 429 with Retry-After. 0: no limit (a gateway or mesh limits instead).
     */
    RATE_LIMIT_WRITES: integerFromEnv({ min: 0, max: 1_000_000 }).default(600),
    RATE_LIMIT_WINDOW_SECONDS: integerFromEnv({ min: 1, max: 86_400 }).default(60),
    /**
     * How often each instance adds the calls of non-current majors it counted to the usage record: what a
     * crash can lose at most, against one bulk write per interval.
     */
    API_USAGE_FLUSH_MS: integerFromEnv({ min: 100, max: 3_600_000 }).default(10_000),
    /**
     * `true`: a client that names no major is answered in the one it first used, so promoting a major never
     * moves it silently; `false`: always in the current one.
     */
    API_PIN_UNVERSIONED: z
      .enum(["true", "false"])
      .default("true")
      .transform((flag) => flag === "true"),
    /** A flagd flag-definition file, re-read when it changes; none: every flag answers its default. */
    FEATURE_FLAGS_FILE: z.string().min(1).optional(),
    /** OpenTelemetry's standard variables: with neither endpoint set, the service records no spans. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    /** The name in every span (default: the service's own). */
    OTEL_SERVICE_NAME: z.string().min(1).optional(),
    /** The share of traces started here that are recorded (0-1); a caller's sampled trace is always followed. */
    OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
    /** How long spans are batched before they are sent. */
    OTEL_BSP_SCHEDULE_DELAY: integerFromEnv({ min: 0, max: 60_000 }).default(5_000),
  };
}

export type ServiceConfig = Readonly<z.output<z.ZodObject<ReturnType<typeof serviceConfigShape>>>>;

/**
 * The rules across the shared variables (`z.object({...}).superRefine(serviceConfigRules)`): with
 * AUTH_MODE=jwt, the issuer, its key set and the audience are required.
 */
export function serviceConfigRules<
  Config extends {
    AUTH_MODE: "jwt" | "off";
    AUTH_JWKS_URL?: string | undefined;
    AUTH_ISSUER?: string | undefined;
    AUTH_AUDIENCE?: string | undefined;
  },
>(config: Config, context: z.RefinementCtx<Config>): void {
  if (config.AUTH_MODE !== "jwt") return;
  for (const name of ["AUTH_JWKS_URL", "AUTH_ISSUER", "AUTH_AUDIENCE"] as const) {
    if (config[name] === undefined)
      context.addIssue({ code: "custom", path: [name], message: "required when AUTH_MODE=jwt" });
  }
}
