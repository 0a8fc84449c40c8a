import { z } from "zod";

/**
 * Identities chosen by clients and used in URLs: 1-64 URL-safe characters (RFC 3986 unreserved), except
 * `.` and `..`, which URLs treat as steps in the path (a client or proxy that normalises `/deliveries/..`
 * sends `/`). Written without lookarounds so that every tool reading the document can generate from it:
 * three or more characters, or one or two that are not `.` / `..`.
 */
export const RESOURCE_ID_PATTERN = /^(?:[A-Za-z0-9._~-]{3,64}|\.?[A-Za-z0-9_~-]|[A-Za-z0-9_~-][A-Za-z0-9._~-])$/;

/** An id makes it one component of the document, referenced wherever it is used instead of repeated. */
export const resourceIdSchema = z
  .string()
  .regex(RESOURCE_ID_PATTERN, "must be 1-64 characters of A-Z a-z 0-9 . _ ~ -, and not . or ..")
  .meta({ id: "ResourceId" });
