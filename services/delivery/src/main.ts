import { runService } from "@starter/service-kit/service";
import { delivery } from "./service.ts";

await runService(delivery);
