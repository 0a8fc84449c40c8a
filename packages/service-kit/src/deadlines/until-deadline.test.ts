import { describe, expect, it } from "vitest";
import { DeadlineExceededError } from "../errors/index.ts";
import { runWithDeadline, untilDeadline } from "./current-deadline.ts";
import { Deadline } from "./deadline.ts";

const never = () => new Promise<never>(() => {});

describe("untilDeadline", () => {
  it("When a call without a signal outlives the request's deadline, then the wait ends at the deadline with its error", async () => {
    const deadline = new Deadline(50);

    await expect(runWithDeadline(deadline, () => untilDeadline(never()))).rejects.toBeInstanceOf(DeadlineExceededError);
    deadline.dispose();
  });

  it("When the call answers in time, or there is no request, then its own answer or error comes back", async () => {
    const deadline = new Deadline(1_000);

    await expect(runWithDeadline(deadline, () => untilDeadline(Promise.resolve("counted")))).resolves.toBe("counted");
    await expect(untilDeadline(Promise.reject(new Error("store down")))).rejects.toThrow("store down");
    deadline.dispose();
  });
});
