import { AppError, type Violation } from "./app-error.ts";

/**
 * The same error with its violation paths translated, for a client that sent another shape (an older
 * API version): it must be pointed at its own fields, not at the newest version's.
 */
export function remapViolations(error: unknown, mapPath: (path: Violation["path"]) => Violation["path"]): unknown {
  if (!(error instanceof AppError) || error.violations.length === 0) return error;
  const violations = error.violations.map((v) => ({ ...v, path: mapPath(v.path) }));
  return new AppError(error.code, error.message, { violations, cause: error });
}
