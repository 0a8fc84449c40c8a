import type { DriftRecord } from "./outcome.ts";

/** Where drifts are recorded so they can be listed and repaired later (a MongoDB collection in `./mongo`). */
export interface DriftStore {
  record(drift: DriftRecord): Promise<void>;
  listOpen(): Promise<readonly DriftRecord[]>;
  /** How many are open, without reading them (the metrics). */
  countOpen(): Promise<number>;
  markRepaired(coordinationId: string, at: Date): Promise<void>;
}
