#!/usr/bin/env bash
# Validates docker/compose.yaml with compose-go, the parser `docker compose` itself uses, so the file is
# checked on machines without a Docker engine. The checker is built once into the ignored .tools/bin.
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
checker="$repo_root/.tools/bin/compose-check"
if [ ! -x "$checker" ]; then
  (cd "$repo_root/tools/compose-check" && go build -o "$checker" .)
fi
"$checker" "$repo_root/docker/compose.yaml" >/dev/null
echo "docker/compose.yaml: valid"
