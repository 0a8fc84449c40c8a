import { describe, expect, it } from "vitest";
import { z } from "zod";
import { integerFromEnv } from "./env-schemas.ts";
import { ConfigError, loadConfig } from "./load-config.ts";

const schema = z.object({ PORT: integerFromEnv({ min: 0, max: 65_535 }).default(3000), NAME: z.string() });

describe("loadConfig", () => {
  it("When the environment is valid, then the parsed config is frozen", () => {
    const config = loadConfig(schema, { PORT: "8080", NAME: "x" });

    expect(config).toEqual({ PORT: 8080, NAME: "x" });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each(["", "12abc", "1.5", "70000"])(
    "When an integer variable is %j, then it is an error, never a default",
    (port) => {
      expect(() => loadConfig(schema, { PORT: port, NAME: "x" })).toThrow(/PORT/);
    },
  );

  it("When several variables are wrong, then one ConfigError names each", () => {
    const load = () => loadConfig(schema, { PORT: "x" });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PORT[\s\S]*NAME/);
  });
});
