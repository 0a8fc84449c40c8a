import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { metricValue } from "@starter/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../logging/index.ts";
import { createMetricsRegistry } from "../metrics/index.ts";
import { startFeatureFlags } from "./start-feature-flags.ts";

const logger = createLogger({ name: "flags-test", level: "silent", format: "json" });
const dir = mkdtempSync(join(tmpdir(), "flags-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A flagd definition of one flag answering `variant` for everyone. */
function flagFile(variant: "on" | "off"): string {
  return JSON.stringify({
    flags: {
      greeting: { state: "ENABLED", variants: { on: "hello", off: "silence" }, defaultVariant: variant },
    },
  });
}

describe("startFeatureFlags", () => {
  it("When no file is configured, then every flag answers the default its caller gives", async () => {
    const flags = await startFeatureFlags({ domain: randomUUID(), logger, metrics: false });
    expect(await flags.client.getStringValue("greeting", "fallback")).toBe("fallback");
    await flags.stop();
  });

  it("When the file changes while the service runs, then the flag answers the new value without a restart", async () => {
    const file = join(dir, `${randomUUID()}.json`);
    writeFileSync(file, flagFile("off"));
    const flags = await startFeatureFlags({ file, domain: randomUUID(), logger, metrics: false });
    try {
      expect(await flags.client.getStringValue("greeting", "fallback")).toBe("silence");
      // flagd's provider polls the file (fs.watchFile, every 5 s) against a first stat taken just after it
      // started; a write before that stat is its baseline, never a change. So the edit is written again every
      // 2 s until it is seen, boundedly: what is tested is that an edit is picked up without a restart.
      const deadline = Date.now() + 15_000;
      for (let attempt = 0; Date.now() < deadline; attempt++) {
        if (attempt % 10 === 0) writeFileSync(file, flagFile("on"));
        if ((await flags.client.getStringValue("greeting", "fallback")) === "hello") break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await flags.client.getStringValue("greeting", "fallback")).toBe("hello");
    } finally {
      await flags.stop();
    }
  }, 20_000);

  it("When the configured file does not exist, then the start fails instead of running on defaults", async () => {
    await expect(
      startFeatureFlags({ file: join(dir, "missing.json"), domain: randomUUID(), logger, metrics: false }),
    ).rejects.toThrow();
  });

  it("When flags are evaluated, then each evaluation is counted by flag, variant and reason", async () => {
    const file = join(dir, `${randomUUID()}.json`);
    writeFileSync(file, flagFile("on"));
    const metrics = createMetricsRegistry({ runtime: false });
    const flags = await startFeatureFlags({ file, domain: randomUUID(), logger, metrics });
    try {
      await flags.client.getStringValue("greeting", "fallback");
      await flags.client.getStringValue("greeting", "fallback");
      await flags.client.getStringValue("unknown-flag", "fallback");

      const text = await metrics.metrics();
      expect(metricValue(text, "feature_flag_evaluations_total", { flag: "greeting", variant: "on" })).toBe(2);
      expect(metricValue(text, "feature_flag_evaluations_total", { flag: "unknown-flag", reason: "ERROR" })).toBe(1);
    } finally {
      await flags.stop();
    }
  });
});
