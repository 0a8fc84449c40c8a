import type { Principal } from "./principal.ts";

/**
 * Whose objects a request may see and change (object-level authorization, OWASP API1): every object, or
 * only those its subject owns. Decided once per request from the caller's token, then handed to the use
 * cases, which check it where they read the object.
 */
export type Access = Readonly<{ everything: true }> | Readonly<{ everything: false; ownerId: string }>;

/** The service itself (a worker finishing an operation), a caller with the administrative scope, or no authentication. */
export const EVERYTHING: Access = Object.freeze({ everything: true });

/**
 * The caller's access: its own objects, or everything with `adminScope`. No principal means the service
 * does not authenticate (AUTH_MODE=off) or the path is public: nothing to restrict by then.
 */
export function accessOf(principal: Principal | undefined, adminScope: string): Access {
  if (!principal || principal.scopes.has(adminScope)) return EVERYTHING;
  return { everything: false, ownerId: principal.subject };
}

export function mayAccess(access: Access, ownerId: string): boolean {
  return access.everything || access.ownerId === ownerId;
}
