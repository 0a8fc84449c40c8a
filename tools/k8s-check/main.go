// Command k8s-check renders the kustomize overlays of docker/k8s without a cluster and checks what they
// produce:
//
//	k8s-check render <kustomization dir>          the rendered YAML, as `kubectl kustomize` prints it
//	k8s-check check <kustomization dir> ...       render, validate every object against its kind, apply the rules
//
// Validation decodes each object into the Go types the API servers themselves are generated from
// (k8s.io/api, Istio's client-go, the Gateway API), refusing unknown fields and wrong types; an object of
// a kind it has no type for is refused too. The rules are ours (rules.go). It exits 1 with every finding.
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) < 3 {
		fail("usage: k8s-check render <dir> | k8s-check check <dir> ...")
	}
	switch os.Args[1] {
	case "render":
		rendered, err := render(os.Args[2])
		if err != nil {
			fail(err.Error())
		}
		out, err := rendered.AsYaml()
		if err != nil {
			fail(err.Error())
		}
		os.Stdout.Write(out)
	case "check":
		failed := false
		for _, dir := range os.Args[2:] {
			findings, count := check(dir)
			for _, finding := range findings {
				fmt.Fprintf(os.Stderr, "%s: %s\n", filepath.Clean(dir), finding)
			}
			if len(findings) > 0 {
				failed = true
				continue
			}
			fmt.Printf("%s: %d objects valid, rules hold\n", filepath.Clean(dir), count)
		}
		if failed {
			os.Exit(1)
		}
	default:
		fail("unknown command " + os.Args[1])
	}
}

// check renders one kustomization and returns what is wrong with it, and how many objects it made.
func check(dir string) ([]string, int) {
	rendered, err := render(dir)
	if err != nil {
		return []string{err.Error()}, 0
	}
	objects, findings := decodeAll(rendered)
	findings = append(findings, applyRules(objects)...)
	return findings, len(rendered.Resources())
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "k8s-check:", message)
	os.Exit(2)
}
