export {
  createOperationIndexes,
  MongoOperationRepository,
  OPERATION_CANCELS_COLLECTION,
  OPERATION_CLAIMS_COLLECTION,
  OPERATION_TARGETS_COLLECTION,
  OPERATIONS_COLLECTION,
} from "./operation.mongo.ts";
