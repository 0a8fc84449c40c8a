export { type Access, accessOf, EVERYTHING, mayAccess } from "./access.ts";
export {
  AuthenticationRequiredError,
  InsufficientScopeError,
  InvalidTokenError,
  KeysUnavailableError,
} from "./access-errors.ts";
export type { Principal } from "./principal.ts";
