import type { Side } from "./read-split.ts";

/** Both sides read for one id: they agreed, disagreed, or one could not be read. */
export type BothSidesResult = "agreed" | "different" | "unreachable";

/** What the other side said of a delivery the side the split picked does not hold. */
export type FallbackResult = "found" | "absent" | "unreachable";

export type ReadsObserver = Readonly<{
  /** A read of both sides: one served by legacy, a fallback, or a shadow read. */
  shadowRead: (result: BothSidesResult) => void;
  /** A read the picked side answered 404, asked of the other side. */
  readFallback: (from: Side, to: Side, result: FallbackResult) => void;
  /** An id of the periodic comparison. */
  compared: (result: BothSidesResult) => void;
}>;
