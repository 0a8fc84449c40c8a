#!/usr/bin/env bash
# Validates docker/ without a Docker engine, with the libraries Docker itself uses: compose-go for the
# compose file and BuildKit's parser and linter for the Dockerfile (tools/docker-check, built into .tools/bin;
# go build is incremental, so this is quick after the first time).
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
checker="$repo_root/.tools/bin/docker-check"
(cd "$repo_root/tools/docker-check" && go build -o "$checker" .)
"$checker" compose "$repo_root/docker/compose.yaml"
"$checker" dockerfile "$repo_root/docker/Dockerfile"
