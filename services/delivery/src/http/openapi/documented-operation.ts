import type { z } from "zod";

/** One documented response: a JSON body, a problem, or nothing (204). */
export type DocumentedResponse = {
  readonly description: string;
  readonly schema?: z.ZodType;
  readonly headers?: readonly ("ETag" | "Location" | "Content-Location")[];
};

/**
 * One operation as the OpenAPI document shows it. The document is generated from these and the
 * contracts' zod schemas; a test checks that the router serves exactly these operations.
 */
export type DocumentedOperation = {
  readonly method: "get" | "put" | "post" | "delete";
  /** In OpenAPI form: `/v2/deliveries/{id}`. */
  readonly path: string;
  readonly summary: string;
  readonly query?: z.ZodObject;
  readonly headers?: z.ZodObject;
  readonly body?: { readonly schema: z.ZodType; readonly example: unknown };
  readonly responses: Readonly<Record<string, DocumentedResponse>>;
};
