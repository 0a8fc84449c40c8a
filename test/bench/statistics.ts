/** Median and spread of a figure over the rounds. */
export type Summary = Readonly<{ median: number; min: number; max: number }>;

export function summarize(values: readonly number[]): Summary {
  // A variant with no measurement (one failed, and the run with it) has no figure, not a median of 0.
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}
