/** One broken rule of a request or of the domain, located by a path into the input it came from. */
export type Violation = {
  readonly path: readonly (string | number)[];
  readonly detail: string;
};

/**
 * The base of every typed error. It carries a stable `code` and never an HTTP status: which status a
 * code gets is decided in one table at the HTTP edge (see `http/error-map.ts`).
 */
export class AppError extends Error {
  readonly code: string;
  readonly violations: readonly Violation[];

  constructor(code: string, message: string, options: { violations?: readonly Violation[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.violations = options.violations ?? [];
  }
}
