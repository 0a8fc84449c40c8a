package main

import (
	"context"

	"github.com/compose-spec/compose-go/v2/cli"
)

// checkCompose loads the file as `docker compose config` does: schema validation, interpolation, normalisation.
func checkCompose(path string) error {
	options, err := cli.NewProjectOptions([]string{path}, cli.WithOsEnv, cli.WithDotEnv)
	if err != nil {
		return err
	}
	_, err = options.LoadProject(context.Background())
	return err
}
