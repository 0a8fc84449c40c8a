import { z } from "zod";

/** Identities chosen by clients and used in URLs: 1-64 URL-safe characters (RFC 3986 unreserved). */
export const resourceIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._~-]{1,64}$/, "must be 1-64 characters of A-Z a-z 0-9 . _ ~ -");

export const deliveryStatusSchema = z.enum(["created", "dispatched", "delivered"]);

export const instantSchema = z.iso.datetime({ offset: true });
