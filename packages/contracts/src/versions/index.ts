export { V1_PACKAGE_DEFAULTS } from "../changes/v1-to-v2/replace-package-ids-with-package-objects.ts";
export { DELIVERY_API_VERSIONS, deliveryVersions } from "./delivery-versions.ts";
export { DELIVERY_WITHIN_MAJOR_CHANGES } from "./within-major-changes.ts";
