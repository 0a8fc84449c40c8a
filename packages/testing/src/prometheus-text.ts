/**
 * The value of one series in a `/metrics` answer (Prometheus text format): the sample named `name` whose
 * labels include every one given (others may be there too); undefined when no sample has them all, so a
 * test can tell "not counted" from zero. Reads simple label values (no escaped quotes), as the kit writes them.
 */
export function metricValue(
  text: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  for (const line of text.split("\n")) {
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample || sample[1] !== name) continue;
    const present = Object.fromEntries([...(sample[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(sample[3]);
  }
  return undefined;
}
