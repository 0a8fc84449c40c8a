import { randomBytes } from "node:crypto";
import { BAD_INPUT_CASES, type Target } from "./bad-input-cases.ts";
import { type RawAnswer, rawRequest, sendRaw } from "./raw-http.ts";
import type { Report } from "./report.ts";

/**
 * Every case of the matrix against every service, each on a fresh connection with a fresh id: the answer
 * must be as the case expects, and afterwards neither the id nor a smuggled one may exist.
 */
export async function badInputMatrix(targets: readonly Target[], report: Report): Promise<void> {
  let tried = 0;
  const wrongAnswers: string[] = [];
  const written: string[] = [];
  for (const target of targets) {
    for (const testCase of BAD_INPUT_CASES) {
      if (testCase.appliesTo && !testCase.appliesTo(target)) continue;
      tried += 1;
      const id = `bad-${randomBytes(5).toString("hex")}`;
      const answer = await sendRaw(target.url, testCase.request(id, target));
      const problem = judge(answer, testCase.expect);
      if (problem) wrongAnswers.push(`${target.name}, ${testCase.name}: ${problem}`);
      for (const left of [id, testCase.smuggledId?.(id)]) {
        if (left && (await exists(target, left))) written.push(`${target.name}, ${testCase.name}: ${left}`);
      }
    }
  }
  report.check(
    `bad input: ${tried} cases on ${targets.length} services answered as the contract says`,
    wrongAnswers.length === 0,
    wrongAnswers.join("; "),
  );
  report.check("bad input: nothing was written by any of them", written.length === 0, written.join("; "));
  await oversizedRequestIds(targets, report);
}

/** A request id no log should carry (too long) is replaced by the service's own, not echoed nor refused. */
async function oversizedRequestIds(targets: readonly Target[], report: Report): Promise<void> {
  const echoed: string[] = [];
  for (const target of targets) {
    const given = "r".repeat(300);
    const id = `rid-${randomBytes(5).toString("hex")}`;
    const answer = await sendRaw(
      target.url,
      rawRequest(
        "PUT",
        target.itemPath(id),
        [
          ["Content-Type", "application/json"],
          ["X-Request-Id", given],
        ],
        JSON.stringify(target.validBody()),
      ),
    );
    const replaced = answer.kind === "answered" && answer.status < 300 && answer.headers["x-request-id"] !== given;
    if (!replaced) echoed.push(target.name);
  }
  report.check(
    "bad input: an oversized X-Request-Id is replaced, not echoed (log injection)",
    echoed.length === 0,
    echoed.join(", "),
  );
}

function judge(answer: RawAnswer, expect: (typeof BAD_INPUT_CASES)[number]["expect"]): string | undefined {
  if ("parser" in expect) {
    if (answer.kind === "closed" || (answer.status >= 400 && answer.status < 500)) return undefined;
    return `expected a 4xx or a closed connection, got ${answer.status}`;
  }
  if (answer.kind === "closed") return "the connection was closed without an answer";
  if (!expect.problem.includes(answer.status)) return `expected ${expect.problem.join(" or ")}, got ${answer.status}`;
  if (!answer.headers["content-type"]?.startsWith("application/problem+json")) return "not problem+json";
  return undefined;
}

async function exists(target: Target, id: string): Promise<boolean> {
  const response = await fetch(`${target.url}${target.itemPath(id)}`);
  await response.arrayBuffer();
  return response.status !== 404;
}
