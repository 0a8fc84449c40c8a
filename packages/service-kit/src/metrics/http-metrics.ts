import { Counter, Histogram, type Registry } from "prom-client";

/**
 * The kit's HTTP series, named as OpenTelemetry's semantic conventions name HTTP server metrics
 * (`http.server.request.duration`, in seconds, with `http.request.method`, `http.route` and
 * `http.response.status_code`) in their Prometheus form, plus the API major that served the request.
 * Labels are bounded: the route template, never the path; a method outside the standard ones is `_OTHER`.
 */
export type HttpMetrics = Readonly<{
  requestDuration: Histogram<"http_request_method" | "http_route" | "http_response_status_code" | "api_major">;
  /** Requests per API major and its lifecycle state: who still calls a deprecated major reads off one series. */
  versionRequests: Counter<"api_major" | "api_version_state">;
  /** Requests with an Idempotency-Key, by what became of them. */
  idempotency: Counter<"outcome">;
  /**
   * How long retries waited for the first request with their key, by how the wait ended: `replayed`,
   * `in_flight` (409 when the wait ran out), `processed` (the key came free and the retry took it),
   * `key_reused` (another request took the key meanwhile) or `client_gone`.
   */
  idempotencyWait: Histogram<"outcome">;
}>;

/** OpenTelemetry's recommended boundaries for `http.server.request.duration`. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
/** A wait is bounded by `Prefer: wait` (seconds, capped by the service's setting). */
const WAIT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createHttpMetrics(registry: Registry): HttpMetrics {
  const registers = [registry];
  return {
    requestDuration: new Histogram({
      name: "http_server_request_duration_seconds",
      help: "Duration of HTTP server requests, by route template, method, status and API major.",
      labelNames: ["http_request_method", "http_route", "http_response_status_code", "api_major"],
      buckets: DURATION_BUCKETS,
      registers,
    }),
    versionRequests: new Counter({
      name: "api_version_requests_total",
      help: "Requests per API major, with the major's lifecycle state (current, deprecated).",
      labelNames: ["api_major", "api_version_state"],
      registers,
    }),
    idempotency: new Counter({
      name: "idempotency_key_requests_total",
      help: "Requests with an Idempotency-Key: processed, replayed, in_flight (409) or key_reused (422).",
      labelNames: ["outcome"],
      registers,
    }),
    idempotencyWait: new Histogram({
      name: "idempotency_key_wait_seconds",
      help: "How long a retry waited for the first request with its Idempotency-Key, by how the wait ended.",
      labelNames: ["outcome"],
      buckets: WAIT_BUCKETS,
      registers,
    }),
  };
}
