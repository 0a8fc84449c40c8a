// Command docker-check validates the docker/ folder on machines without a Docker engine, with the libraries
// Docker itself uses: compose-go (the parser of `docker compose`) for compose files, and BuildKit's
// Dockerfile parser and linter (the rules of `docker build --check`) for Dockerfiles.
//
//	docker-check compose docker/compose.yaml
//	docker-check dockerfile docker/Dockerfile
//
// It exits non-zero, with the parser's or linter's message, on any error or lint warning.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 3 {
		fail("usage: docker-check compose|dockerfile <file>")
	}
	var err error
	switch os.Args[1] {
	case "compose":
		err = checkCompose(os.Args[2])
	case "dockerfile":
		err = checkDockerfile(os.Args[2])
	default:
		fail("unknown kind " + os.Args[1])
	}
	if err != nil {
		fail(fmt.Sprintf("%s: %v", os.Args[2], err))
	}
	fmt.Printf("%s: valid\n", os.Args[2])
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "docker-check:", message)
	os.Exit(1)
}
