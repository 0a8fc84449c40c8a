import { parseArgs } from "node:util";

/**
 * `tools/pnpm api-usage http://localhost:3000 --major 1`: who still calls a major of a running service,
 * how much and when last, from its `/api-usage` report. With authentication on, the token (scope
 * `api-usage:read`) comes from `--token` or API_USAGE_TOKEN.
 */
export type UsageLine = Readonly<{
  client: string;
  requests: number;
  days: number;
  firstSeen: string;
  lastSeen: string;
}>;

/** The report as a table, most requests first, with the totals a removal is decided from. */
export function renderUsageReport(serviceUrl: string, major: number, clients: readonly UsageLine[]): string {
  const title = `Who still calls v${major} of ${serviceUrl} (stored records; the last seconds' calls may still be in the instances' batches)`;
  if (clients.length === 0) return `${title}\nno client called v${major} on the days kept\n`;
  const rows = [
    ["client", "requests", "days", "first seen", "last seen"],
    ...clients.map((line) => [line.client, String(line.requests), String(line.days), line.firstSeen, line.lastSeen]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const numeric = new Set([1, 2]);
  const lines = rows.map((row) =>
    row
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd(),
  );
  const requests = clients.reduce((sum, line) => sum + line.requests, 0);
  const count = clients.length === 1 ? "1 client" : `${clients.length} clients`;
  return `${title}\n${lines.join("\n")}\n${count}, ${requests} requests\n`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { major: { type: "string" }, token: { type: "string" } },
    allowPositionals: true,
  });
  const [serviceUrl] = positionals;
  const major = Number(values.major);
  if (!serviceUrl || !Number.isInteger(major)) {
    process.stderr.write("usage: tools/pnpm api-usage <service URL> --major <n> [--token <token>]\n");
    process.exit(2);
  }
  const token = values.token ?? process.env.API_USAGE_TOKEN;
  const response = await fetch(`${serviceUrl.replace(/\/$/, "")}/api-usage?major=${major}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const body = (await response.json()) as { clients?: UsageLine[]; detail?: string };
  if (!response.ok || !body.clients) {
    process.stderr.write(`${serviceUrl} answered ${response.status}: ${body.detail ?? "no report"}\n`);
    process.exit(1);
  }
  process.stdout.write(renderUsageReport(serviceUrl, major, body.clients));
}

if (import.meta.main) await main();
