import { z } from "zod";

/** An integer given as a decimal string; an empty or non-numeric string is an error, never a silent default. */
export function integerFromEnv(bounds: { min: number; max: number }) {
  return z
    .string()
    .regex(/^-?\d+$/, "must be an integer")
    .transform(Number)
    .pipe(z.number().int().min(bounds.min).max(bounds.max));
}

export const portFromEnv = integerFromEnv({ min: 0, max: 65_535 });

export const logLevelFromEnv = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

export const logFormatFromEnv = z.enum(["json", "pretty"]);

export const mongoUriFromEnv = z.string().regex(/^mongodb(\+srv)?:\/\//, "must be a mongodb:// or mongodb+srv:// URI");
