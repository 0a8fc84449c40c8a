import { z } from "zod";

/** One invalid member of a request, located by a JSON Pointer (RFC 6901) into the request body or query. */
export const fieldErrorSchema = z.object({
  pointer: z.string(),
  detail: z.string(),
});

/** Problem Details for HTTP APIs (RFC 9457), with the `errors` extension for field-level failures. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
  })
  // One component in every document, referenced by each problem response instead of repeated inline.
  .meta({ id: "Problem" });

export type FieldError = z.infer<typeof fieldErrorSchema>;
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
