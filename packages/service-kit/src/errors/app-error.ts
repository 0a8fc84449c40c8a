/** One broken rule of a request or of the domain, located by a path into the input it came from. */
export type Violation = {
  readonly path: readonly (string | number)[];
  readonly detail: string;
};

/**
 * The base of every typed error. It carries a stable `code` and never an HTTP status: which status a
 * code gets is decided in one table at the HTTP edge (see `http/error-map.ts`). Subclasses name their code
 * as a literal (`extends AppError<"delivery.not_found">`), so a service's codes are a union the type checker
 * holds against its error map: a code without a problem mapping does not compile.
 */
export class AppError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly violations: readonly Violation[];
  /** Response headers the protocol requires with this error (`WWW-Authenticate` with a 401). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: Code,
    message: string,
    options: { violations?: readonly Violation[]; cause?: unknown; headers?: Readonly<Record<string, string>> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.violations = options.violations ?? [];
    this.headers = options.headers ?? {};
  }
}
