package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// checkDockerfile parses every instruction and runs BuildKit's lint rules; a warning counts as an error.
func checkDockerfile(path string) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	result, err := parser.Parse(file)
	if err != nil {
		return err
	}
	var warnings []string
	lint := linter.New(&linter.Config{
		Warn: func(rule, _, _, message string, location []parser.Range) {
			warnings = append(warnings, fmt.Sprintf("%s at %v: %s", rule, location, message))
		},
	})
	if _, _, err := instructions.Parse(result.AST, lint); err != nil {
		return err
	}
	if len(warnings) > 0 {
		return fmt.Errorf("lint warnings:\n  %s", strings.Join(warnings, "\n  "))
	}
	return nil
}
