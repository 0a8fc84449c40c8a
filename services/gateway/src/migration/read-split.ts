import { createHash } from "node:crypto";

export type Side = "legacy" | "new";

export type ReadSplit = Readonly<{
  /** Share of ids read from the new side, 0-100. */
  newPercent: number;
  /** Kill switch: every read from one side. */
  onlyFrom: "none" | Side;
}>;

/**
 * Which side serves a read of `id`. A stable hash of the id picks it, so one resource is always read
 * from the same side while the percentage stays the same, and raising it only moves ids to the new side.
 */
export function sideFor(id: string, split: ReadSplit): Side {
  if (split.onlyFrom !== "none") return split.onlyFrom;
  const bucket = createHash("sha256").update(id).digest().readUInt32BE(0) % 10_000;
  return bucket < split.newPercent * 100 ? "new" : "legacy";
}
