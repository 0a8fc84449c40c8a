import { FlagdProvider } from "@openfeature/flagd-provider";
import { type Client, type Logger as FlagsLogger, OpenFeature } from "@openfeature/server-sdk";
import type { Logger } from "../logging/index.ts";
import type { Registry } from "../metrics/index.ts";
import { flagEvaluationHook } from "./flag-evaluation-hook.ts";

/** What the code asks flags of: OpenFeature's client, the same whichever provider answers. */
export type FeatureFlagClient = Client;

export type FeatureFlags = Readonly<{ client: FeatureFlagClient; stop: () => Promise<void> }>;

export type FeatureFlagOptions = Readonly<{
  /** A flagd flag-definition file (FEATURE_FLAGS_FILE). None: every flag answers the default its caller gives. */
  file?: string | undefined;
  /** The OpenFeature domain the provider is bound to: one per service instance in a process. */
  domain: string;
  logger: Logger;
  /** Where evaluations are counted (`feature_flag_evaluations_total`); false: not counted. */
  metrics: Registry | false;
}>;

/**
 * Feature flags through OpenFeature, the vendor-neutral API. With a file, flagd's own provider evaluates
 * flagd's flag definitions in process (percentages by a stable hash of the targeting key included) and
 * re-reads the file when it changes, so a flag changes without a restart (a mounted ConfigMap, an edited
 * file). Another provider (flagd over gRPC, a vendor's) is one line here; code that asks for flags does not
 * change. The first read of the file is awaited: a missing or invalid file stops the start.
 */
export async function startFeatureFlags(options: FeatureFlagOptions): Promise<FeatureFlags> {
  const client = OpenFeature.getClient(options.domain);
  client.addHooks(flagEvaluationHook(options.metrics));
  if (options.file === undefined) return { client, stop: async () => {} };
  const provider = new FlagdProvider(
    { resolverType: "in-process", offlineFlagSourcePath: options.file },
    flagsLogger(options.logger),
  );
  await OpenFeature.setProviderAndWait(options.domain, provider);
  return { client, stop: () => provider.onClose() };
}

/** The provider's own messages as log lines of the service (never on the console). */
function flagsLogger(logger: Logger): FlagsLogger {
  const child = logger.child({ component: "feature-flags" });
  const line = (...args: unknown[]) => args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(" ");
  return {
    error: (...args) => child.error(line(...args)),
    warn: (...args) => child.warn(line(...args)),
    info: (...args) => child.info(line(...args)),
    debug: (...args) => child.debug(line(...args)),
  };
}
