import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { Lifecycle } from "./lifecycle.ts";

const silent = pino({ level: "silent" });

describe("Lifecycle", () => {
  it("When it stops, then the steps stop in reverse order, and a failing stop does not skip the others", async () => {
    const stopped: string[] = [];
    const lifecycle = new Lifecycle(silent);
    for (const name of ["database", "worker", "http"]) {
      await lifecycle.start(name, async () => ({
        value: name,
        stop: async () => {
          stopped.push(name);
          if (name === "worker") throw new Error("stuck");
        },
      }));
    }

    await lifecycle.stop();

    expect(stopped).toEqual(["http", "worker", "database"]);
  });

  it("When stop is called twice (two signals), then each step stops once", async () => {
    let stops = 0;
    const lifecycle = new Lifecycle(silent);
    await lifecycle.start("one", async () => ({ value: 1, stop: async () => void stops++ }));

    await Promise.all([lifecycle.stop(), lifecycle.stop()]);

    expect(stops).toBe(1);
  });
});
