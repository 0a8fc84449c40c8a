import { randomBytes, randomUUID } from "node:crypto";
import { putDelivery } from "./deliveries.ts";
import type { Report } from "./report.ts";

const RACED_IDS = 60;
const SHARED_KEYS = 8;

/**
 * Two instances of delivery on one database, as a round-robin balancer would use them: first PUTs of one
 * id raced to both (exactly one creates), and one Idempotency-Key sent to both at once (one operation,
 * applied once, whichever instance's worker claims it; the second request waits for the first's answer).
 */
export async function twoInstances(urls: readonly [string, string], report: Report): Promise<void> {
  const outcomes = await Promise.all(
    Array.from({ length: RACED_IDS }, async () => {
      const id = `race-${randomBytes(5).toString("hex")}`;
      const statuses = await Promise.all(urls.map(async (url) => (await putDelivery(url, id)).status));
      return statuses.toSorted().join(",");
    }),
  );
  const wrong = outcomes.filter((statuses) => statuses !== "200,201");
  report.check(
    `two instances: ${RACED_IDS} first PUTs raced to both give exactly one 201 and one 200 per id`,
    wrong.length === 0,
    wrong.slice(0, 5).join("; "),
  );

  const problems: string[] = [];
  for (let i = 0; i < SHARED_KEYS; i++) {
    const id = `key-${randomBytes(5).toString("hex")}`;
    await putDelivery(urls[0], id);
    const key = randomUUID();
    const answers = await Promise.all(urls.map((url) => dispatch(url, id, key)));
    const locations = new Set(answers.filter((a) => a.status === 202).map((a) => a.location));
    // The second of two at once waits for the first (on the other instance) and gets its answer replayed: both
    // 202 with one Location; a 409 would mean it was refused while the first was in flight.
    if (locations.size !== 1 || answers.some((a) => a.status !== 202)) {
      problems.push(`${id}: ${answers.map((a) => a.status).join(",")} with ${locations.size} operations`);
      continue;
    }
    const delivery = await settledDelivery(urls[1], id);
    if (delivery?.status !== "dispatched" || delivery.version !== 2) {
      problems.push(`${id}: ended ${delivery?.status} at version ${delivery?.version}`);
    }
  }
  report.check(
    `two instances: one Idempotency-Key sent to both at once starts one operation, applied once; both answered 202 (${SHARED_KEYS} keys)`,
    problems.length === 0,
    problems.join("; "),
  );
}

async function dispatch(url: string, id: string, key: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(`${url}/v2/deliveries/${id}/dispatch`, {
    method: "POST",
    headers: { "Idempotency-Key": key },
  });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get("location") };
}

/** The delivery once its dispatch is over (bounded: 10 s). */
async function settledDelivery(url: string, id: string): Promise<{ status: string; version: number } | undefined> {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${url}/v2/deliveries/${id}`);
    const body = (await response.json()) as { status: string; version: number };
    if (body.status !== "created") return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}
