import { runService } from "@starter/service-kit/service";
import { gateway } from "./service.ts";

await runService(gateway);
