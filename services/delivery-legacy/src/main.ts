import { runService } from "@starter/service-kit/service";
import { deliveryLegacy } from "./service.ts";

await runService(deliveryLegacy);
