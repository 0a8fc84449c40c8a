import type { z } from "zod";
import type { ApiVersion } from "../versions/index.ts";
import type { ConfigDeclaration, DeclaredConfig } from "./service-config.ts";
import type { ModuleContext, ServiceModule } from "./service-module.ts";

/** What a service is: its name, its configuration, its API, and the modules it is made of. */
export type ServiceDeclaration<Variables extends z.ZodRawShape> = Readonly<{
  name: string;
  config: ConfigDeclaration<Variables>;
  api: Readonly<{
    title: string;
    /** The majors it serves and their lifecycle (API_VERSION_STATES overrides the states). */
    versions: readonly ApiVersion[];
    /** Prefixes of its own paths that belong to no API version (besides health and docs). */
    versionNeutralPaths?: readonly string[];
  }>;
  /** Built once per start, in order: a module may be given what an earlier one made. */
  modules: (context: ModuleContext<DeclaredConfig<Variables>>) => readonly ServiceModule[];
  /** `false`: the app sets no request deadline (a service that bounds its requests itself, the gateway). */
  requestDeadline?: boolean;
}>;
