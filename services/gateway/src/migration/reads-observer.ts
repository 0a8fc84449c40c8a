/** Both sides read for one id: they agreed, disagreed, or one could not be read. */
export type BothSidesResult = "agreed" | "different" | "unreachable";

export type ReadsObserver = Readonly<{
  /** A read served by legacy (both sides read) or a shadow read. */
  shadowRead: (result: BothSidesResult) => void;
  /** An id of the periodic comparison. */
  compared: (result: BothSidesResult) => void;
}>;
