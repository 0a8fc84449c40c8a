export { type OperationDto, operationSchema, toOperationDto } from "./operation.dto.ts";
export { type OperationRoutesDeps, operationRoutes } from "./operation.routes.ts";
export { operationErrorMap } from "./operation-error-map.ts";
