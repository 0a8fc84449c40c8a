import { trace } from "@opentelemetry/api";
import { Counter, Histogram, type Registry } from "prom-client";
import type { Logger } from "../logging/index.ts";
import { type ArmGuardSettings, armGuard } from "./arm-guard.ts";

/** Calls of one port through one rollout: the arm the flag chose may not be the arm that served. */
export type RolloutSwitch<Arm extends string> = Readonly<{
  /** Calls the arm chosen for `key`, or the stable one while the new arm is stepped down. */
  call: <T>(key: string, arms: Readonly<Record<Arm, () => Promise<T>>>) => Promise<T>;
}>;

export type RolloutSwitchOptions<Arm extends string> = Readonly<{
  /** The port's name, a metric label: `drone-scheduler`. */
  port: string;
  /** The flag that chooses, named on spans and log lines. */
  flag: string;
  /** The arm in production, where calls go while the new one is stepped down. */
  stable: Arm;
  /** The arm being rolled out, watched by the guard. */
  candidate: Arm;
  /** The arm the flag picks for a key (stable per key). */
  choose: (key: string) => Promise<Arm>;
  guard: ArmGuardSettings;
  metrics: Registry | false;
  log: Logger;
  /** A failure that is the caller's giving up (an aborted signal), not the arm's fault. */
  isAbandoned?: (error: unknown) => boolean;
  now?: () => number;
}>;

/**
 * A rollout of a port's new implementation that watches itself: each call goes to the arm the flag chose,
 * timed and counted by arm and outcome; when the new arm fails too often it is stepped down (its share goes
 * to the stable arm) and tried again after a cool-down. The guard never fails a call: a stepped-down call is
 * served by the stable arm, and a call the new arm fails fails as it would have without the guard.
 */
export function rolloutSwitch<Arm extends string>(options: RolloutSwitchOptions<Arm>): RolloutSwitch<Arm> {
  const guard = armGuard(options.guard, options.now);
  const metrics = options.metrics ? rolloutMetricsOf(options.metrics) : undefined;
  const { port, flag, log } = options;
  const isAbandoned = options.isAbandoned ?? ((error) => error instanceof Error && error.name === "AbortError");

  return {
    call: async (key, arms) => {
      const chosen = await options.choose(key);
      const guarded = chosen === options.candidate && !guard.allows();
      const arm = guarded ? options.stable : chosen;
      const watched = arm === options.candidate;
      const attributes = { "feature_flag.key": flag, "feature_flag.result.variant": chosen, "rollout.arm": arm };
      trace.getActiveSpan()?.setAttributes(attributes);
      log.info({ key, ...attributes, guarded }, `${port}: ${arm}${guarded ? ` (${chosen} is stepped down)` : ""}`);
      const started = performance.now();
      let outcome: "succeeded" | "failed" | "abandoned" = "failed";
      try {
        const result = await arms[arm]();
        outcome = "succeeded";
        return result;
      } catch (error) {
        if (isAbandoned(error)) outcome = "abandoned";
        throw error;
      } finally {
        const seconds = (performance.now() - started) / 1000;
        metrics?.calls.inc({ port, arm, outcome, guarded: String(guarded) });
        metrics?.duration.observe({ port, arm, outcome }, seconds);
        if (watched && outcome === "abandoned") guard.abandon();
        else if (watched) {
          const change = guard.record(outcome === "succeeded");
          if (change === "stepped-down") {
            metrics?.stepDowns.inc({ port, arm });
            log.warn(
              { port, arm, failureRatio: guard.failureRatio(), coolDownMs: options.guard.coolDownMs },
              `${port}: ${arm} stepped down, its share goes to ${options.stable}`,
            );
          } else if (change === "recovered") log.info({ port, arm }, `${port}: ${arm} recovered`);
        }
      }
    },
  };
}

type RolloutMetrics = Readonly<{
  calls: Counter<"port" | "arm" | "outcome" | "guarded">;
  duration: Histogram<"port" | "arm" | "outcome">;
  stepDowns: Counter<"port" | "arm">;
}>;

/** One set per registry, shared by every switch of the service (the port is a label). */
const metricsByRegistry = new WeakMap<Registry, RolloutMetrics>();

function rolloutMetricsOf(registry: Registry): RolloutMetrics {
  const known = metricsByRegistry.get(registry);
  if (known) return known;
  const registers = [registry];
  const created: RolloutMetrics = {
    calls: new Counter({
      name: "rollout_arm_calls_total",
      help: "Calls of a port through a rollout, by the arm that served, its outcome, and whether the guard sent it to the stable arm.",
      labelNames: ["port", "arm", "outcome", "guarded"],
      registers,
    }),
    duration: new Histogram({
      name: "rollout_arm_call_duration_seconds",
      help: "Duration of a port's calls through a rollout, by arm and outcome.",
      labelNames: ["port", "arm", "outcome"],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    stepDowns: new Counter({
      name: "rollout_step_downs_total",
      help: "Times a rollout's new arm was stepped down for failing too often.",
      labelNames: ["port", "arm"],
      registers,
    }),
  };
  metricsByRegistry.set(registry, created);
  return created;
}
