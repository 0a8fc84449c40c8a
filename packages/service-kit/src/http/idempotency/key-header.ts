import { parseItem } from "structured-headers";
import { z } from "zod";
import { InvalidRequestError } from "../../errors/index.ts";
import type { AppContext } from "../app-context.ts";

const HEADER = "idempotency-key";
const MAX_LENGTH = 255;
/** The bare form some clients send: visible characters without quotes, commas or spaces. */
const BARE_KEY = /^[\x21\x23-\x2b\x2d-\x7e]{1,255}$/;

/** The header as a schema, for the documents: what `parseKey` accepts, a bare key or a quoted string. */
export const idempotencyKeyHeaderSchema = z
  .string()
  .regex(/^(?:[\x21\x23-\x2b\x2d-\x7e]{1,255}|"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\]){1,255}")$/)
  .meta({ description: "Opaque key (RFC 9651 string, or a bare token); a retry with it replays the first answer." });

/**
 * The Idempotency-Key of a request, or undefined when it has none. The draft defines the value as a
 * structured-field string (`"8e03978e-..."`, RFC 9651); the bare form is accepted too. Anything else,
 * or the header given twice, is a 400.
 */
export function readIdempotencyKey(ctx: AppContext): string | undefined {
  const values = ctx.req.headersDistinct[HEADER];
  if (!values || values.length === 0) return undefined;
  if (values.length > 1) throw invalid("Idempotency-Key must be given once");
  return parseKey(values[0] ?? "");
}

export function parseKey(value: string): string {
  const trimmed = value.trim();
  if (!trimmed.startsWith('"')) {
    if (!BARE_KEY.test(trimmed))
      throw invalid("Idempotency-Key must be a quoted string or a bare key of visible characters");
    return trimmed;
  }
  let item: ReturnType<typeof parseItem>;
  try {
    item = parseItem(trimmed);
  } catch {
    throw invalid("Idempotency-Key is not a valid structured-field string");
  }
  const [key] = item;
  if (typeof key !== "string" || key.length === 0 || key.length > MAX_LENGTH) {
    throw invalid(`Idempotency-Key must be a string of 1-${MAX_LENGTH} characters`);
  }
  return key;
}

function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError(message, [{ path: ["Idempotency-Key"], detail: message }]);
}
