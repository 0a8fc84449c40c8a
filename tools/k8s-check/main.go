// Command k8s-check renders the kustomize overlays of docker/k8s without a cluster and checks what they
// produce:
//
//	k8s-check render <kustomization dir>          the rendered YAML, as `kubectl kustomize` prints it
//	k8s-check check [--served-series <file>] <kustomization dir> ...
//	                                              render, validate every object against its kind, apply the rules
//
// Validation decodes each object into the Go types the API servers and controllers themselves are
// generated from (k8s.io/api, Istio's client-go, the Gateway API, Argo Rollouts), refusing unknown fields
// and wrong types; an object of a kind it has no type for is refused too. The rules are ours (rules.go),
// and an analysis's Prometheus queries may name only the series listed in the --served-series file
// (analysis.go). It exits 1 with every finding.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) < 3 {
		fail("usage: k8s-check render <dir> | k8s-check check [--served-series <file>] <dir> ...")
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
		flags := flag.NewFlagSet("check", flag.ExitOnError)
		servedFrom := flags.String("served-series", "", "the series the services serve, one name a line")
		flags.Parse(os.Args[2:])
		var served map[string]bool
		if *servedFrom != "" {
			var err error
			if served, err = readServedSeries(*servedFrom); err != nil {
				fail(err.Error())
			}
		}
		failed := false
		for _, dir := range flags.Args() {
			findings, count := check(dir, served, *servedFrom)
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
func check(dir string, served map[string]bool, servedFrom string) ([]string, int) {
	rendered, err := render(dir)
	if err != nil {
		return []string{err.Error()}, 0
	}
	objects, findings := decodeAll(rendered)
	findings = append(findings, applyRules(objects, served, servedFrom)...)
	return findings, len(rendered.Resources())
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "k8s-check:", message)
	os.Exit(2)
}
