package main

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"

	rolloutsv1alpha1 "github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1"
	"github.com/prometheus/prometheus/promql/parser"
)

// readServedSeries reads the series the services serve: one name a line, `#` starting a comment. A
// histogram is listed by what Prometheus stores of it (its _bucket, _count and _sum series).
func readServedSeries(path string) (map[string]bool, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	served := map[string]bool{}
	lines := bufio.NewScanner(file)
	for lines.Scan() {
		line, _, _ := strings.Cut(lines.Text(), "#")
		if name := strings.TrimSpace(line); name != "" {
			served[name] = true
		}
	}
	return served, lines.Err()
}

// An analysis's placeholders, as Argo Rollouts substitutes them ({{args.name}}, spaces allowed).
var argPlaceholder = regexp.MustCompile(`\{\{\s*args\.([A-Za-z0-9_.-]+)\s*\}\}`)

// analysisFindings: every Prometheus query of an analysis parses, and names only series the services
// serve. A query on a series nobody serves returns nothing, which an analysis reads as an error or, worse,
// as a pass: the canary would be promoted on no evidence at all.
func analysisFindings(kind, name string, spec rolloutsv1alpha1.AnalysisTemplateSpec, served map[string]bool, servedFrom string) []string {
	defaults := map[string]string{}
	for _, argument := range spec.Args {
		if argument.Value != nil {
			defaults[argument.Name] = *argument.Value
		}
	}
	// An argument without a default is given by the Rollout (a pod-template hash, a service name): a
	// word stands in for it, which is what it always is inside the label matchers that use one.
	substitute := func(query string) string {
		return argPlaceholder.ReplaceAllStringFunc(query, func(placeholder string) string {
			if value, found := defaults[argPlaceholder.FindStringSubmatch(placeholder)[1]]; found {
				return value
			}
			return "argument"
		})
	}
	promql := parser.NewParser(parser.Options{})
	var findings []string
	for _, metric := range spec.Metrics {
		if metric.Provider.Prometheus == nil {
			continue
		}
		say := func(problem string) {
			findings = append(findings, fmt.Sprintf("%s %s, metric %s: %s", kind, name, metric.Name, problem))
		}
		expression, err := promql.ParseExpr(substitute(metric.Provider.Prometheus.Query))
		if err != nil {
			say(fmt.Sprintf("its query does not parse: %v", err))
			continue
		}
		if served == nil {
			say("its query cannot be checked without the list of served series (k8s-check check --served-series <file>)")
			continue
		}
		parser.Inspect(expression, func(node parser.Node, _ []parser.Node) error {
			selector, ok := node.(*parser.VectorSelector)
			if !ok {
				return nil
			}
			switch {
			case selector.Name == "":
				say(fmt.Sprintf("%s selects series without naming one: name the series it means", selector))
			case !served[selector.Name]:
				say(fmt.Sprintf("queries %s, which the services do not serve (the served series are listed in %s)", selector.Name, servedFrom))
			}
			return nil
		})
	}
	return findings
}
