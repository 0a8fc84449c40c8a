import { Counter, type Registry } from "prom-client";
import type { ReadsObserver } from "./reads-observer.ts";

/**
 * The migration's read series: reads of both sides (a read served by legacy, a fallback, a shadow read)
 * and ids of the periodic comparison, by result. A rising `different` is the signal to look before moving the split.
 * Fallbacks count the deliveries one side alone holds as reads meet them: `found` from new to legacy
 * falls as the legacy-only records are copied, and is what still depends on legacy at a given split.
 */
export function migrationReadMetrics(registry: Registry): ReadsObserver {
  const shadowReads = new Counter({
    name: "migration_shadow_reads_total",
    help: "Reads of both sides by result: agreed, different (a mismatch), unreachable (one side unreadable).",
    labelNames: ["result"],
    registers: [registry],
  });
  const compared = new Counter({
    name: "migration_compared_deliveries_total",
    help: "Deliveries of the periodic comparison by result: agreed, different, unreachable.",
    labelNames: ["result"],
    registers: [registry],
  });
  const fallbacks = new Counter({
    name: "migration_read_fallbacks_total",
    help: "Reads the picked side answered 404, asked of the other side (from, to), by what it said: found, absent, unreachable.",
    labelNames: ["from", "to", "result"],
    registers: [registry],
  });
  return {
    shadowRead: (result) => shadowReads.inc({ result }),
    readFallback: (from, to, result) => fallbacks.inc({ from, to, result }),
    compared: (result) => compared.inc({ result }),
  };
}
