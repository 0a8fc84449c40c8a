import { integerFromEnv, PLACEHOLDER_TOKEN_URL } from "@starter/service-kit/config";
import type { DeclaredConfig } from "@starter/service-kit/service";
import { z } from "zod";

const serviceUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ""));

/** Attempts per call to a participant (the gateway's retry policy). */
export const WRITE_ATTEMPTS = 3;

/**
 * The gateway's own variables, beside the kit's (`defineService`). The gateway's own database holds the coordination journal and the drift store.
 */
export const gatewayVariables = {
  /** The service being replaced (version 1 contract). */
  LEGACY_URL: serviceUrl,
  /** The new service (version 2 contract). */
  DELIVERY_URL: serviceUrl,
  /** Share of reads served by the new service, by a stable hash of the id. */
  READ_NEW_PERCENT: integerFromEnv({ min: 0, max: 100 }).default(0),
  /** Kill switch: send every read to one side, whatever the percentage says. */
  READ_ONLY_FROM: z.enum(["none", "legacy", "new"]).default("none"),
  /** Also read the other side and count mismatches, without changing the answer. */
  SHADOW_READS: z
    .enum(["true", "false"])
    .default("false")
    .transform((flag) => flag === "true"),
  /** How often a sample of ids is read from both sides and compared (0: never). */
  COMPARE_INTERVAL_MS: integerFromEnv({ min: 0, max: 86_400_000 }).default(60_000),
  COMPARE_SAMPLE_SIZE: integerFromEnv({ min: 1, max: 100 }).default(20),
  /** How old an unfinished coordination must be before recovery takes it over (its caller is gone). */
  RECOVERY_SETTLE_MS: integerFromEnv({ min: 100, max: 600_000 }).default(30_000),
  RECOVERY_INTERVAL_MS: integerFromEnv({ min: 100, max: 600_000 }).default(5_000),
  /** How long a finished coordination and its steps stay in the journal (an unfinished one stays until recovered). */
  JOURNAL_RETENTION_MS: integerFromEnv({ min: 60_000, max: 31_536_000_000 }).default(604_800_000),
  /** How often expired journal entries are deleted where the database has no TTL indexes. */
  EXPIRY_SWEEP_INTERVAL_MS: integerFromEnv({ min: 100, max: 3_600_000 }).default(60_000),
  PARTICIPANT_TIMEOUT_MS: integerFromEnv({ min: 100, max: 60_000 }).default(5_000),
  /**
   * The longest a client waits for any answer: a read or a coordinated write not finished by then is a
   * 504 with Retry-After (a write's coordination then finishes in the background, or by recovery).
   */
  REQUEST_DEADLINE_MS: integerFromEnv({ min: 500, max: 60_000 }).default(10_000),
  /**
   * The gateway's own OAuth 2.0 client (the client-credentials grant at AUTH_TOKEN_URL), for what it does
   * on nobody's behalf: recovery, reconciliation, the periodic comparison. Required with AUTH_MODE=jwt.
   * A client's requests go to the services with the client's own token, never with this one.
   */
  AUTH_CLIENT_ID: z.string().min(1).optional(),
  AUTH_CLIENT_SECRET: z.string().min(1).optional(),
  AUTH_CLIENT_SCOPE: z.string().min(1).default("deliveries:read deliveries:write deliveries:admin"),
};

export type Config = DeclaredConfig<typeof gatewayVariables>;

/** The rules across them: recovery waits out the longest write; with AUTH_MODE=jwt its own client is required. */
export function gatewayConfigRules(config: Config, context: z.RefinementCtx): void {
  // A crashed gateway's last write may still reach a service after the gateway died (up to its attempts'
  // timeouts); recovery must not judge the coordination before that write has landed or failed.
  if (!(config.RECOVERY_SETTLE_MS > WRITE_ATTEMPTS * config.PARTICIPANT_TIMEOUT_MS))
    context.addIssue({
      code: "custom",
      path: ["RECOVERY_SETTLE_MS"],
      message: `must be longer than ${WRITE_ATTEMPTS} x PARTICIPANT_TIMEOUT_MS (the longest a write can take)`,
    });
  if (config.AUTH_MODE !== "jwt") return;
  for (const name of ["AUTH_CLIENT_ID", "AUTH_CLIENT_SECRET"] as const) {
    if (config[name] === undefined)
      context.addIssue({ code: "custom", path: [name], message: "required when AUTH_MODE=jwt" });
  }
  // The gateway asks it for its own token: the documents' placeholder would receive its secret.
  if (config.AUTH_TOKEN_URL === PLACEHOLDER_TOKEN_URL)
    context.addIssue({ code: "custom", path: ["AUTH_TOKEN_URL"], message: "required when AUTH_MODE=jwt" });
}
