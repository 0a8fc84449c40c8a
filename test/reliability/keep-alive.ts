import { randomBytes } from "node:crypto";
import type { Target } from "./bad-input-cases.ts";
import type { Report } from "./report.ts";

const ROUNDS = 50;
const LARGE_BODY_BYTES = 3_000_000;

/**
 * As a client with a keep-alive pool (Node's fetch) sends them, one after another: a 3 MB PUT (413), a small
 * bad PUT (400) and a valid PUT, 50 rounds per service. Every answer must arrive: no reset, no lost PUT.
 */
export async function keepAliveRounds(targets: readonly Target[], report: Report): Promise<void> {
  for (const target of targets) {
    let resets = 0;
    const unexpected: string[] = [];
    const large = `{"pad":"${"x".repeat(LARGE_BODY_BYTES)}"}`;
    for (let round = 0; round < ROUNDS; round++) {
      const id = `ka-${randomBytes(5).toString("hex")}`;
      const sequence: [string, number[]][] = [
        [large, [413]],
        ["{", [400]],
        [JSON.stringify(target.validBody()), [200, 201]],
      ];
      for (const [body, expected] of sequence) {
        try {
          const response = await fetch(`${target.url}${target.itemPath(id)}`, {
            method: "PUT",
            headers: { "content-type": "application/json" },
            body,
          });
          await response.arrayBuffer();
          if (!expected.includes(response.status)) unexpected.push(`${response.status}`);
        } catch {
          resets += 1;
        }
      }
    }
    report.check(
      `keep-alive, ${target.name}: ${ROUNDS} rounds of [3 MB PUT, bad PUT, valid PUT] on pooled connections`,
      resets === 0 && unexpected.length === 0,
      `${resets} resets${unexpected.length > 0 ? `, unexpected statuses ${unexpected.slice(0, 5).join(",")}` : ""}`,
    );
  }
}
