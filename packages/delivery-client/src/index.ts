export {
  deliveryClientV1,
  deliveryClientV2,
  type V1Paths,
  type V1Schemas,
  type V2Paths,
  type V2Schemas,
} from "./client.ts";
export { CREATE_ONLY, etagOf, ifMatch } from "./conditional.ts";
export { type RetryOptions, withIdempotencyKey } from "./idempotency.ts";
export { type AwaitOptions, awaitOperation, type OperationEnd } from "./operations.ts";
