import type { Coordinator } from "./coordinator.ts";
import type { DriftStore } from "./drift-store.ts";
import type { CoordinationOutcome, DriftRecord } from "./outcome.ts";

export type RepairDeps<Shared> = Readonly<{
  coordinator: Coordinator<Shared>;
  driftStore: DriftStore;
  /** The state to converge on, read from the side that is the source of truth (the new service). */
  readSource: (resourceId: string) => Promise<Shared | undefined>;
}>;

/**
 * Repairs one drift by re-running the coordination from the source of truth: its state is written to
 * every participant (or deleted from every one where the source has none). Marked repaired once committed;
 * a repair that is reverted leaves the drift open, and one that drifts again records a new drift.
 */
export async function repairDrift<Shared>(drift: DriftRecord, deps: RepairDeps<Shared>): Promise<CoordinationOutcome> {
  const source = await deps.readSource(drift.resourceId);
  const context = { requestId: `repair-${drift.coordinationId}` };
  const outcome =
    source === undefined
      ? await deps.coordinator.delete(drift.resourceId, context)
      : await deps.coordinator.put(drift.resourceId, source, context);
  if (outcome.kind === "committed") await deps.driftStore.markRepaired(drift.coordinationId, new Date());
  return outcome;
}
