package main

import (
	"bytes"
	"encoding/json"
	"fmt"

	rolloutsv1alpha1 "github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	istionetworking "istio.io/client-go/pkg/apis/networking/v1"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	gatewayv1 "sigs.k8s.io/gateway-api/apis/v1"
	"sigs.k8s.io/kustomize/api/resmap"
)

// The kinds the manifests may use, each with the type its API is generated from. Add a kind here when a
// manifest needs it: until then it is refused, so nothing goes unvalidated.
var kinds = map[string]func() any{
	"v1/ConfigMap":                           func() any { return &corev1.ConfigMap{} },
	"v1/Namespace":                           func() any { return &corev1.Namespace{} },
	"v1/Secret":                              func() any { return &corev1.Secret{} },
	"v1/Service":                             func() any { return &corev1.Service{} },
	"apps/v1/Deployment":                     func() any { return &appsv1.Deployment{} },
	"policy/v1/PodDisruptionBudget":          func() any { return &policyv1.PodDisruptionBudget{} },
	"autoscaling/v2/HorizontalPodAutoscaler": func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"networking.istio.io/v1/DestinationRule": func() any { return &istionetworking.DestinationRule{} },
	"networking.istio.io/v1/VirtualService":  func() any { return &istionetworking.VirtualService{} },
	"gateway.networking.k8s.io/v1/HTTPRoute": func() any { return &gatewayv1.HTTPRoute{} },
	"argoproj.io/v1alpha1/Rollout":           func() any { return &rolloutsv1alpha1.Rollout{} },
	"argoproj.io/v1alpha1/AnalysisTemplate":  func() any { return &rolloutsv1alpha1.AnalysisTemplate{} },
}

// decodeAll decodes every rendered object strictly into its kind's type.
func decodeAll(rendered resmap.ResMap) ([]any, []string) {
	var objects []any
	var findings []string
	for _, resource := range rendered.Resources() {
		gvk := resource.GetGvk()
		name := fmt.Sprintf("%s %s", gvk.Kind, resource.GetName())
		newObject, known := kinds[gvk.ApiVersion()+"/"+gvk.Kind]
		if !known {
			findings = append(findings, fmt.Sprintf("%s: no schema for %s/%s here (add it to kinds in tools/k8s-check)", name, gvk.ApiVersion(), gvk.Kind))
			continue
		}
		document, err := resource.MarshalJSON()
		if err == nil {
			object := newObject()
			err = decodeStrict(document, object)
			objects = append(objects, object)
		}
		if err != nil {
			findings = append(findings, fmt.Sprintf("%s: %v", name, err))
		}
	}
	return objects, findings
}

func decodeStrict(document []byte, object any) error {
	decoder := json.NewDecoder(bytes.NewReader(document))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(object); err != nil {
		return err
	}
	// Istio's specs are protocol buffers whose own JSON decoding ignores unknown fields: check them again.
	var spec proto.Message
	switch typed := object.(type) {
	case *istionetworking.VirtualService:
		spec = &typed.Spec
	case *istionetworking.DestinationRule:
		spec = &typed.Spec
	default:
		return nil
	}
	var raw struct {
		Spec json.RawMessage `json:"spec"`
	}
	if err := json.Unmarshal(document, &raw); err != nil {
		return err
	}
	return protojson.UnmarshalOptions{}.Unmarshal(raw.Spec, spec.ProtoReflect().New().Interface())
}
