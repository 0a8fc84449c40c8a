import type { Hook } from "@openfeature/server-sdk";
import { trace } from "@opentelemetry/api";
import { Counter, type Registry } from "prom-client";

/**
 * An OpenFeature hook on the service's client: every evaluation counted by flag, variant and reason
 * (bounded: flags are the code's, variants the definitions', reasons OpenFeature's), and named on the active
 * span with OpenTelemetry's feature-flag attributes, so a rollout's arms can be told apart in both.
 */
export function flagEvaluationHook(registry: Registry | false): Hook {
  const evaluations =
    registry &&
    new Counter({
      name: "feature_flag_evaluations_total",
      help: "Feature flag evaluations by flag, variant and reason (OpenFeature's: TARGETING_MATCH, SPLIT, DEFAULT, ERROR, ...).",
      labelNames: ["flag", "variant", "reason"],
      registers: [registry],
    });
  return {
    after: (context, details) => {
      const variant = details.variant ?? String(details.value);
      if (evaluations) evaluations.inc({ flag: details.flagKey, variant, reason: details.reason ?? "UNKNOWN" });
      trace.getActiveSpan()?.setAttributes({
        "feature_flag.key": details.flagKey,
        "feature_flag.result.variant": variant,
        "feature_flag.provider.name": context.providerMetadata.name,
      });
    },
    error: (context) => {
      if (evaluations)
        evaluations.inc({ flag: context.flagKey, variant: String(context.defaultValue), reason: "ERROR" });
    },
  };
}
