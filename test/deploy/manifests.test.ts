import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { goTool } from "@starter/testing/go-tool";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";

const repoRoot = join(import.meta.dirname, "../..");
const K8S = join(repoRoot, "docker/k8s");
const FIXTURES = join(import.meta.dirname, "fixtures");
const overlays = readdirSync(join(K8S, "overlays")).filter((name) =>
  existsSync(join(K8S, "overlays", name, "kustomization.yaml")),
);

type Manifest = { kind: string; metadata: { name: string }; spec: Record<string, unknown> };

let checker = "";
beforeAll(async () => {
  checker = await goTool("k8s-check");
}, 600_000);

const SERVED_SERIES = join(K8S, "served-series.txt");

async function runChecker(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (args[0] === "check") args.splice(1, 0, "--served-series", SERVED_SERIES);
  try {
    const { stdout, stderr } = await promisify(execFile)(checker, args, { maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function rendered(overlay: string): Promise<Manifest[]> {
  const { code, stdout, stderr } = await runChecker("render", join(K8S, "overlays", overlay));
  expect(code, stderr).toBe(0);
  return parseAllDocuments(stdout).map((document) => document.toJS() as Manifest);
}

function named(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found)
    throw new Error(`no ${kind} ${name} in ${manifests.map((m) => `${m.kind} ${m.metadata.name}`).join(", ")}`);
  return found;
}

describe("Kubernetes manifests (docker/k8s)", () => {
  it("When every overlay is rendered, then every object is valid for its kind and every rule holds", async () => {
    expect(overlays).toEqual(
      expect.arrayContaining([
        "local",
        "production",
        "rollout-istio",
        "rollout-gateway-api",
        "progressive-istio",
        "progressive-gateway-api",
      ]),
    );
    const { code, stdout, stderr } = await runChecker("check", ...overlays.map((name) => join(K8S, "overlays", name)));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(overlays.length);
  });

  it("When Istio routes delivery, then 75 % goes to stable, 25 % to canary, and the canary header pins a request to canary", async () => {
    const manifests = await rendered("rollout-istio");
    const http = (named(manifests, "VirtualService", "delivery").spec.http ?? []) as {
      match?: { headers: Record<string, { exact: string }> }[];
      route: { destination: { subset: string }; weight?: number }[];
    }[];
    const weighted = http.find((route) => route.route.length > 1);
    expect(weighted?.route.map((r) => [r.destination.subset, r.weight])).toEqual([
      ["stable", 75],
      ["canary", 25],
    ]);
    const pinned = http.find((route) => route.match !== undefined);
    expect(pinned?.match?.[0]?.headers["x-delivery-canary"]).toEqual({ exact: "always" });
    expect(pinned?.route.map((r) => r.destination.subset)).toEqual(["canary"]);
    // The subsets select what the two Deployments label their pods with.
    const subsets = named(manifests, "DestinationRule", "delivery").spec.subsets as { name: string; labels: object }[];
    for (const [deployment, version] of [
      ["delivery", "stable"],
      ["delivery-canary", "canary"],
    ] as const) {
      const template = named(manifests, "Deployment", deployment).spec.template as { metadata: { labels: object } };
      expect(template.metadata.labels).toMatchObject({ version });
      expect(subsets.find((subset) => subset.name === version)?.labels).toEqual({ version });
    }
  });

  it("When the Gateway API routes delivery, then its HTTPRoute splits 75/25 between the stable and canary Services", async () => {
    const manifests = await rendered("rollout-gateway-api");
    const rules = named(manifests, "HTTPRoute", "delivery").spec.rules as {
      matches?: { headers: { name: string; value: string }[] }[];
      backendRefs: { name: string; weight?: number }[];
    }[];
    const weighted = rules.find((rule) => rule.backendRefs.length > 1);
    expect(weighted?.backendRefs.map((ref) => [ref.name, ref.weight])).toEqual([
      ["delivery-stable", 75],
      ["delivery-canary", 25],
    ]);
    expect(rules.find((rule) => rule.matches)?.matches?.[0]?.headers).toEqual([
      { name: "x-delivery-canary", value: "always" },
    ]);
    for (const [service, version] of [
      ["delivery-stable", "stable"],
      ["delivery-canary", "canary"],
    ] as const) {
      expect(named(manifests, "Service", service).spec.selector).toEqual({
        "app.kubernetes.io/name": "delivery",
        version,
      });
    }
  });

  it.each(["per-major-istio", "per-major-gateway-api"])(
    "When %s routes by API major, then /v1 reaches only the v1 deployment's pods and everything else only the current one's",
    async (overlay) => {
      const manifests = await rendered(overlay);
      const targets =
        overlay === "per-major-istio"
          ? (
              named(manifests, "VirtualService", "delivery").spec.http as {
                match?: { uri: { prefix: string } }[];
                route: { destination: { host: string } }[];
              }[]
            ).map((route) => [route.match?.[0]?.uri.prefix, route.route.map((r) => r.destination.host)])
          : (
              named(manifests, "HTTPRoute", "delivery").spec.rules as {
                matches?: { path: { value: string } }[];
                backendRefs: { name: string }[];
              }[]
            ).map((rule) => [rule.matches?.[0]?.path.value, rule.backendRefs.map((ref) => ref.name)]);
      expect(targets).toEqual([
        ["/v1/", ["delivery-v1"]],
        [undefined, ["delivery-current"]],
      ]);
      // Each Service selects the pods of exactly one of the two Deployments.
      const podLabels = manifests
        .filter((m) => m.kind === "Deployment")
        .map((m) => [
          m.metadata.name,
          (m.spec.template as { metadata: { labels: Record<string, string> } }).metadata.labels,
        ]);
      for (const [service, deployment] of [
        ["delivery-v1", "delivery-v1"],
        ["delivery-current", "delivery"],
      ] as const) {
        const selector = named(manifests, "Service", service).spec.selector as Record<string, string>;
        const selected = podLabels.filter(([, labels]) =>
          Object.entries(selector).every(([key, value]) => (labels as Record<string, string>)[key] === value),
        );
        expect(selected.map(([name]) => name)).toEqual([deployment]);
      }
    },
  );
  describe("when Argo Rollouts delivers delivery", () => {
    type Rollout = {
      workloadRef: { kind: string; name: string };
      strategy: {
        canary: {
          steps: { setWeight?: number; pause?: { duration?: string } }[];
          analysis: {
            templates: { templateName: string }[];
            startingStep: number;
            args: { name: string; valueFrom?: { podTemplateHashValue?: string } }[];
          };
          canaryService?: string;
          stableService?: string;
          trafficRouting: {
            istio?: {
              virtualService: { name: string; routes: string[] };
              destinationRule: { name: string; canarySubsetName: string; stableSubsetName: string };
            };
            plugins?: Record<string, { httpRoute: string; namespace: string }>;
          };
        };
      };
    };
    type Analysis = {
      args: { name: string; value?: string }[];
      metrics: {
        name: string;
        failureLimit: number;
        successCondition: string;
        failureCondition: string;
        provider: { prometheus: { query: string } };
      }[];
    };

    it.each(["progressive-istio", "progressive-gateway-api"])(
      "When %s rolls out a release, then the canary goes 10 -> 25 -> 50 -> 100 % with a pause after each step, judged from the first pause on its own pods' errors and p99, and the autoscaler scales the Rollout",
      async (overlay) => {
        const manifests = await rendered(overlay);
        const rollout = named(manifests, "Rollout", "delivery").spec as unknown as Rollout;
        expect(rollout.workloadRef).toMatchObject({ kind: "Deployment", name: "delivery" });
        const steps = rollout.strategy.canary.steps;
        expect(steps.filter((step) => step.setWeight !== undefined).map((step) => step.setWeight)).toEqual([
          10, 25, 50, 100,
        ]);
        steps.forEach((step, index) => {
          if (step.setWeight !== undefined) expect(steps[index + 1]?.pause?.duration).toMatch(/^\d+m$/);
        });
        const analysis = rollout.strategy.canary.analysis;
        expect(analysis.startingStep).toBe(1);
        expect(analysis.args).toContainEqual({ name: "canary-hash", valueFrom: { podTemplateHashValue: "Latest" } });
        const template = named(manifests, "AnalysisTemplate", analysis.templates[0]?.templateName ?? "")
          .spec as Analysis;
        expect(template.metrics.map((metric) => metric.name)).toEqual(["error-ratio", "p99-latency"]);
        for (const metric of template.metrics) {
          expect(metric.provider.prometheus.query).toContain('rollouts_pod_template_hash="{{args.canary-hash}}"');
          expect(metric.failureLimit).toBeGreaterThanOrEqual(0);
        }
        const [errors, latency] = template.metrics;
        expect(errors?.provider.prometheus.query).toContain('http_response_status_code=~"5.."');
        expect(latency?.provider.prometheus.query).toMatch(/histogram_quantile\(0\.99,/);
        expect(errors?.failureCondition).toContain("{{args.max-error-ratio}}");
        expect(latency?.failureCondition).toContain("{{args.max-p99-seconds}}");
        const defaults = Object.fromEntries(template.args.map((arg) => [arg.name, arg.value]));
        expect(defaults).toMatchObject({ "max-error-ratio": "0.01", "max-p99-seconds": "0.5" });
        expect(named(manifests, "HorizontalPodAutoscaler", "delivery").spec.scaleTargetRef).toEqual({
          apiVersion: "argoproj.io/v1alpha1",
          kind: "Rollout",
          name: "delivery",
        });
      },
    );

    it("When Istio carries it, then Argo moves the weights of the VirtualService's weighted route between the DestinationRule's two subsets", async () => {
      const manifests = await rendered("progressive-istio");
      const istio = (named(manifests, "Rollout", "delivery").spec as unknown as Rollout).strategy.canary.trafficRouting
        .istio;
      expect(istio?.virtualService).toEqual({ name: "delivery", routes: ["weighted"] });
      const http = named(manifests, "VirtualService", "delivery").spec.http as {
        name: string;
        route: { destination: { subset: string }; weight?: number }[];
      }[];
      expect(
        http.find((route) => route.name === "weighted")?.route.map((r) => [r.destination.subset, r.weight]),
      ).toEqual([
        [istio?.destinationRule.stableSubsetName, 100],
        [istio?.destinationRule.canarySubsetName, 0],
      ]);
      const subsets = named(manifests, "DestinationRule", istio?.destinationRule.name ?? "").spec.subsets as {
        name: string;
      }[];
      expect(subsets.map((subset) => subset.name).sort()).toEqual(["canary", "stable"]);
    });

    it("When the Gateway API carries it, then Argo's plugin moves the weights of the HTTPRoute's two backends, the Rollout's canary and stable Services", async () => {
      const manifests = await rendered("progressive-gateway-api");
      const canary = (named(manifests, "Rollout", "delivery").spec as unknown as Rollout).strategy.canary;
      expect(canary.trafficRouting.plugins?.["argoproj-labs/gatewayAPI"]).toEqual({
        httpRoute: "delivery",
        namespace: "delivery",
      });
      const rules = named(manifests, "HTTPRoute", "delivery").spec.rules as {
        backendRefs: { name: string; weight?: number }[];
      }[];
      expect(rules.map((rule) => rule.backendRefs.map((ref) => [ref.name, ref.weight]))).toEqual([
        [
          [canary.stableService, 100],
          [canary.canaryService, 0],
        ],
      ]);
      for (const service of [canary.stableService, canary.canaryService])
        expect(named(manifests, "Service", service ?? "").spec.selector).toEqual({
          "app.kubernetes.io/name": "delivery",
        });
    });
  });

  it("When delivery runs in production, then it keeps at least two replicas apart and writes to a replica set with majority concerns", async () => {
    const manifests = await rendered("production");
    expect(named(manifests, "HorizontalPodAutoscaler", "delivery").spec.minReplicas).toBeGreaterThanOrEqual(2);
    const pod = (named(manifests, "Deployment", "delivery").spec.template as { spec: PodSpec }).spec;
    expect(pod.affinity?.podAntiAffinity).toBeDefined();
    const uri = pod.containers[0]?.env?.find((variable) => variable.name === "MONGODB_URI")?.value ?? "";
    const query = new URLSearchParams(uri.split("?")[1]);
    expect(query.get("replicaSet")).toBeTruthy();
    expect(query.get("w")).toBe("majority");
    expect(query.get("readConcernLevel")).toBe("majority");
  });

  it("When services run from the overlays, then production names its token issuer (authentication is on by default) and only the local cluster turns it off", async () => {
    const production = await rendered("production");
    const config = production.find((m) => m.kind === "ConfigMap" && m.metadata.name.startsWith("delivery-config")) as
      | { data: Record<string, string> }
      | undefined;
    for (const variable of ["AUTH_ISSUER", "AUTH_JWKS_URL", "AUTH_AUDIENCE"])
      expect(config?.data[variable]).toBeTruthy();
    expect(config?.data.AUTH_MODE).toBeUndefined();

    const local = (await rendered("local")).filter((m) => m.kind === "Deployment" && m.metadata.name !== "mongo");
    expect(local.length).toBeGreaterThan(0);
    for (const deployment of local) {
      const env = (deployment.spec.template as { spec: PodSpec }).spec.containers[0]?.env ?? [];
      expect([deployment.metadata.name, env.find((v) => v.name === "AUTH_MODE")?.value]).toEqual([
        deployment.metadata.name,
        "off",
      ]);
    }
  });

  it("When services run in production, then one trace in ten that starts there is recorded once a collector is set", async () => {
    const overlay = existsSync(join(repoRoot, "services/gateway")) ? "migration" : "production";
    const configs = (await rendered(overlay)).filter(
      (m) => m.kind === "ConfigMap" && m.metadata.name.includes("-config"),
    );
    expect(configs.length).toBeGreaterThan(0);
    for (const config of configs as unknown as { metadata: { name: string }; data: Record<string, string> }[]) {
      expect([config.metadata.name, config.data.OTEL_TRACES_SAMPLER_ARG]).toEqual([config.metadata.name, "0.1"]);
    }
  });

  it("When the migration example is in the clone, then legacy, delivery and the gateway run together and the gateway finds both by their Services; without it, none of its manifests is left", async () => {
    if (!existsSync(join(repoRoot, "services/gateway"))) {
      // tools/remove-migration-example took the services away: their manifests must have gone with them.
      for (const path of ["overlays/migration", "base/delivery-legacy", "base/gateway"]) {
        expect([path, existsSync(join(K8S, path))]).toEqual([path, false]);
      }
      return;
    }
    const manifests = await rendered("migration");
    const deployments = manifests.filter((m) => m.kind === "Deployment").map((m) => m.metadata.name);
    expect(deployments.sort()).toEqual(["delivery", "delivery-legacy", "gateway"]);
    const services = manifests.filter((m) => m.kind === "Service").map((m) => m.metadata.name);
    const config = manifests.find((m) => m.kind === "ConfigMap" && m.metadata.name.startsWith("gateway-config")) as
      | { data: Record<string, string> }
      | undefined;
    for (const variable of ["LEGACY_URL", "DELIVERY_URL"]) {
      const host = new URL(config?.data[variable] ?? "http://absent").hostname;
      expect(services).toContain(host);
    }
  });

  it("When a service of ours is in the compose file, then it has a base and the local overlay runs it", () => {
    const compose = parse(readFileSync(join(repoRoot, "docker/compose.yaml"), "utf8")) as {
      services: Record<string, { build?: unknown }>;
    };
    const local = parse(readFileSync(join(K8S, "overlays/local/kustomization.yaml"), "utf8")) as {
      resources: string[];
    };
    const own = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);
    expect(own.length).toBeGreaterThan(0);
    for (const [name] of own) {
      expect(existsSync(join(K8S, "base", name, "kustomization.yaml")), `docker/k8s/base/${name}`).toBe(true);
      expect(local.resources).toContain(`../../base/${name}`);
    }
  });

  describe("the checker refuses what breaks a rule", () => {
    const broken = readdirSync(FIXTURES).filter((name) => name !== "valid");
    const expected: Record<string, RegExp> = {
      "unknown-field": /unknown field "replica"/,
      "wrong-type": /cannot unmarshal number .* of type string/,
      "istio-unknown-field": /unknown field "weights"/,
      "unknown-kind": /no schema for batch\/v1\/CronJob/,
      "no-probes": /needs a startup, a liveness and a readiness probe/,
      "no-limits": /needs a memory limit/,
      "runs-as-root": /must run as non-root/,
      "writable-root": /needs readOnlyRootFilesystem: true/,
      "short-grace": /terminationGracePeriodSeconds 15 must be longer .* \(15000 ms\)/,
      "istio-weights": /weights add up to 115, not 100/,
      "httproute-weights": /weights add up to 85, not 100/,
      "no-version": /its pods need the label app.kubernetes.io\/version/,
      "stale-version":
        /runs registry.example.com:5000\/example:1.1.0, tagged "1.1.0", but its pods' app.kubernetes.io\/version is "1.0.0"/,
      "rollout-unknown-field": /Rollout example: json: unknown field "setWeigth"/,
      "rollout-no-probes": /Rollout example, container example: needs a startup, a liveness and a readiness probe/,
      "analysis-unknown-series":
        /AnalysisTemplate example, metric error-ratio: queries http_requests_total, which the services do not serve/,
      "analysis-unparsable":
        /AnalysisTemplate example, metric error-ratio: its query does not parse: .*unclosed left parenthesis/,
    };

    it("When nothing is broken, then the fixture every broken one starts from passes", async () => {
      const { code, stderr } = await runChecker("check", join(FIXTURES, "valid"));
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(broken.sort()).toEqual(Object.keys(expected).sort());
    });

    it.each(broken)("When %s, then the check fails and says why", async (name) => {
      const { code, stderr } = await runChecker("check", join(FIXTURES, name));
      expect(code).toBe(1);
      expect(stderr).toMatch(expected[name] ?? /a fixture without an expected message/);
    });
  });
});

type PodSpec = {
  affinity?: { podAntiAffinity?: unknown };
  containers: { env?: { name: string; value?: string }[] }[];
};
