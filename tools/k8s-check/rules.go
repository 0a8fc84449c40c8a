package main

import (
	"fmt"
	"strconv"
	"strings"

	rolloutsv1alpha1 "github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1"
	istionetworking "istio.io/client-go/pkg/apis/networking/v1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	gatewayv1 "sigs.k8s.io/gateway-api/apis/v1"
)

// applyRules checks what a valid object can still get wrong: every container is probed, bounded and
// unprivileged; a pod is given longer to stop than the service takes to drain and says which version it
// runs; weighted routes add up to 100, so each weight reads as a percentage; an analysis queries only what
// the services serve.
func applyRules(objects []any, served map[string]bool, servedFrom string) []string {
	configMaps := map[string]*corev1.ConfigMap{}
	for _, object := range objects {
		if configMap, ok := object.(*corev1.ConfigMap); ok {
			configMaps[configMap.Name] = configMap
		}
	}
	var findings []string
	for _, object := range objects {
		switch typed := object.(type) {
		case *appsv1.Deployment:
			findings = append(findings, workloadFindings("Deployment "+typed.Name, typed.Labels, typed.Spec.Template, configMaps)...)
		case *rolloutsv1alpha1.Rollout:
			if typed.Spec.WorkloadRef == nil {
				findings = append(findings, workloadFindings("Rollout "+typed.Name, typed.Labels, typed.Spec.Template, configMaps)...)
			}
		case *istionetworking.VirtualService:
			findings = append(findings, virtualServiceFindings(typed)...)
		case *gatewayv1.HTTPRoute:
			findings = append(findings, httpRouteFindings(typed)...)
		case *rolloutsv1alpha1.AnalysisTemplate:
			findings = append(findings, analysisFindings("AnalysisTemplate", typed.Name, typed.Spec, served, servedFrom)...)
		}
	}
	return findings
}

// workloadFindings holds the pods of a Deployment, or of a Rollout that describes its own (one that refers
// to a Deployment runs that Deployment's pods), to the same rules: `workload` is its kind and name.
func workloadFindings(workload string, labels map[string]string, template corev1.PodTemplateSpec, configMaps map[string]*corev1.ConfigMap) []string {
	var findings []string
	pod := template.Spec
	say := func(container, problem string) {
		findings = append(findings, fmt.Sprintf("%s, container %s: %s", workload, container, problem))
	}
	for _, container := range append(append([]corev1.Container{}, pod.InitContainers...), pod.Containers...) {
		if container.StartupProbe == nil || container.LivenessProbe == nil || container.ReadinessProbe == nil {
			say(container.Name, "needs a startup, a liveness and a readiness probe")
		}
		for _, resource := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
			if _, ok := container.Resources.Requests[resource]; !ok {
				say(container.Name, fmt.Sprintf("needs a %s request", resource))
			}
			if _, ok := container.Resources.Limits[resource]; !ok {
				say(container.Name, fmt.Sprintf("needs a %s limit", resource))
			}
		}
		if !runsAsNonRoot(pod.SecurityContext, container.SecurityContext) {
			say(container.Name, "must run as non-root (runAsNonRoot: true, and no runAsUser 0)")
		}
		context := container.SecurityContext
		if context == nil || context.ReadOnlyRootFilesystem == nil || !*context.ReadOnlyRootFilesystem {
			say(container.Name, "needs readOnlyRootFilesystem: true (mount an emptyDir where it writes)")
		}
		if context == nil || context.AllowPrivilegeEscalation == nil || *context.AllowPrivilegeEscalation {
			say(container.Name, "needs allowPrivilegeEscalation: false")
		}
		if problem := gracePeriodProblem(pod, container, configMaps); problem != "" {
			say(container.Name, problem)
		}
	}
	return append(findings, versionFindings(workload, labels, template)...)
}

const versionLabel = "app.kubernetes.io/version"

// versionFindings: a workload's pods are labelled with the version they run, and it is their images'
// tag, so an overlay that moves the tag and not the label (or the other way) is refused, not shown wrong.
func versionFindings(workload string, labels map[string]string, template corev1.PodTemplateSpec) []string {
	say := func(problem string) string { return fmt.Sprintf("%s: %s", workload, problem) }
	version, found := template.Labels[versionLabel]
	if !found {
		return []string{say(fmt.Sprintf("its pods need the label %s, the version they run (their image's tag)", versionLabel))}
	}
	var findings []string
	if own, found := labels[versionLabel]; found && own != version {
		findings = append(findings, say(fmt.Sprintf("its label %s is %q, its pods' %q", versionLabel, own, version)))
	}
	for _, container := range template.Spec.Containers {
		if tag := imageTag(container.Image); tag != "" && tag != version {
			findings = append(findings, say(fmt.Sprintf("container %s runs %s, tagged %q, but its pods' %s is %q", container.Name, container.Image, tag, versionLabel, version)))
		}
	}
	return findings
}

// imageTag is the tag of an image reference ("" when it has none): after the last colon of its last path
// segment (a registry's port is in an earlier one), before any digest.
func imageTag(image string) string {
	name, _, _ := strings.Cut(image, "@")
	last := name[strings.LastIndex(name, "/")+1:]
	if colon := strings.LastIndex(last, ":"); colon >= 0 {
		return last[colon+1:]
	}
	return ""
}

func runsAsNonRoot(pod *corev1.PodSecurityContext, container *corev1.SecurityContext) bool {
	nonRoot, user := false, int64(-1)
	if pod != nil {
		if pod.RunAsNonRoot != nil {
			nonRoot = *pod.RunAsNonRoot
		}
		if pod.RunAsUser != nil {
			user = *pod.RunAsUser
		}
	}
	if container != nil {
		if container.RunAsNonRoot != nil {
			nonRoot = *container.RunAsNonRoot
		}
		if container.RunAsUser != nil {
			user = *container.RunAsUser
		}
	}
	return nonRoot && user != 0
}

// gracePeriodProblem: a service given SHUTDOWN_GRACE_MS to drain must be given more than that, plus its
// preStop pause, before the kubelet kills it.
func gracePeriodProblem(pod corev1.PodSpec, container corev1.Container, configMaps map[string]*corev1.ConfigMap) string {
	value, found := envValue(container, "SHUTDOWN_GRACE_MS", configMaps)
	if !found {
		return ""
	}
	graceMs, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		return fmt.Sprintf("SHUTDOWN_GRACE_MS %q is not a number", value)
	}
	var preStopSeconds int64
	if container.Lifecycle != nil && container.Lifecycle.PreStop != nil && container.Lifecycle.PreStop.Sleep != nil {
		preStopSeconds = container.Lifecycle.PreStop.Sleep.Seconds
	}
	termination := int64(corev1.DefaultTerminationGracePeriodSeconds)
	if pod.TerminationGracePeriodSeconds != nil {
		termination = *pod.TerminationGracePeriodSeconds
	}
	needed := preStopSeconds*1000 + graceMs
	if termination*1000 <= needed {
		return fmt.Sprintf("terminationGracePeriodSeconds %d must be longer than the preStop pause plus SHUTDOWN_GRACE_MS (%d ms)", termination, needed)
	}
	return ""
}

// envValue finds a variable as the container sees it: its own env first, then its ConfigMaps.
func envValue(container corev1.Container, name string, configMaps map[string]*corev1.ConfigMap) (string, bool) {
	for _, variable := range container.Env {
		if variable.Name == name && variable.ValueFrom == nil {
			return variable.Value, true
		}
	}
	for _, source := range container.EnvFrom {
		if source.ConfigMapRef == nil {
			continue
		}
		if configMap, ok := configMaps[source.ConfigMapRef.Name]; ok {
			if value, ok := configMap.Data[source.Prefix+name]; ok {
				return value, true
			}
		}
	}
	return "", false
}

func virtualServiceFindings(service *istionetworking.VirtualService) []string {
	var findings []string
	for index, route := range service.Spec.Http {
		if len(route.Route) < 2 {
			continue
		}
		var total int32
		for _, destination := range route.Route {
			total += destination.Weight
		}
		if total != 100 {
			findings = append(findings, fmt.Sprintf("VirtualService %s, http route %d (%s): weights add up to %d, not 100", service.Name, index, route.Name, total))
		}
	}
	return findings
}

func httpRouteFindings(route *gatewayv1.HTTPRoute) []string {
	var findings []string
	for index, rule := range route.Spec.Rules {
		if len(rule.BackendRefs) < 2 {
			continue
		}
		var total int32
		for _, backend := range rule.BackendRefs {
			// The Gateway API's default weight is 1.
			weight := int32(1)
			if backend.Weight != nil {
				weight = *backend.Weight
			}
			total += weight
		}
		if total != 100 {
			findings = append(findings, fmt.Sprintf("HTTPRoute %s, rule %d: weights add up to %d, not 100", route.Name, index, total))
		}
	}
	return findings
}
