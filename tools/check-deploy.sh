#!/usr/bin/env bash
# Validates what deploys without a cluster or a GitHub runner: every kustomize overlay of docker/k8s is
# rendered and each object checked against its kind and our rules (tools/k8s-check; an analysis's queries
# against the series delivery serves, docker/k8s/served-series.txt), and the CI workflows
# are linted by actionlint (pinned in tools/actionlint). Both are built into .tools/bin (incremental).
set -euo pipefail
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="$repo_root/.tools/bin"
(cd "$repo_root/tools/k8s-check" && go build -o "$bin/k8s-check" .)
(cd "$repo_root/tools/actionlint" && go build -o "$bin/actionlint" github.com/rhysd/actionlint/cmd/actionlint)
"$bin/k8s-check" check --served-series "$repo_root/docker/k8s/served-series.txt" "$repo_root"/docker/k8s/overlays/*/
# shellcheck and pyflakes are left out so the result is the same on every machine, whatever it has installed.
cd "$repo_root" && "$bin/actionlint" -shellcheck= -pyflakes= && echo ".github/workflows: actionlint found nothing"
