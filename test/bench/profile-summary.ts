import { readFile } from "node:fs/promises";

/**
 * `node test/bench/profile-summary.ts <file.cpuprofile> [top]`: where a server's CPU went, by package
 * (node_modules/<name>, node: internals, our own code) and by function, self time only.
 */
type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
};
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

const [file, top = "25"] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary.ts <file.cpuprofile> [top]");
const profile = JSON.parse(await readFile(file, "utf8")) as Profile;

const selfMicros = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
for (const [id, micros] of selfMicros) {
  const frame = nodes.get(id)?.callFrame;
  // Waiting is not cost: shares are of the time the process was busy.
  if (!frame || frame.functionName === "(idle)") continue;
  total += micros;
  const where = packageOf(frame.url, frame.functionName);
  byPackage.set(where, (byPackage.get(where) ?? 0) + micros);
  const name = `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
}

print("by package", byPackage, 20);
print("by function", byFunction, Number(top));

function print(title: string, figures: Map<string, number>, limit: number): void {
  process.stdout.write(`\n${title} (self time, ${(total / 1e6).toFixed(2)} s busy)\n`);
  for (const [name, micros] of [...figures].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    process.stdout.write(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${name}\n`);
  }
}

function packageOf(url: string, functionName: string): string {
  const module = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module?.[1]) return module[1];
  if (url.startsWith("node:")) return "node: internals";
  if (url === "") return functionName.startsWith("(") ? functionName : "native / V8";
  const own = /\/(packages|services)\/([^/]+)\//.exec(url);
  return own ? `${own[1]}/${own[2]}` : url;
}

function shortUrl(url: string): string {
  return url
    .replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "")
    .replace(/^file:\/\/.*\/(packages|services)\//, "$1/");
}
