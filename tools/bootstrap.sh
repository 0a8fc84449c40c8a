# Sourced by the tools/ commands: puts Node 24, the pinned pnpm and Go on PATH and installs the workspace.
# Nothing here relies on something installed by hand: where the machine's Node is older than 24, Node 24
# comes from the npm registry (node-linux-<arch>) into .tools/, and pnpm comes from the npm registry too;
# where its Go is missing or older than the tools need, the pinned Go comes from the Go module proxy.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools_dir="$repo_root/.tools"
node_major_wanted=24
pnpm_version=$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$repo_root/package.json")

log() { printf '[bootstrap] %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if command -v node >/dev/null && [ "$(node_major node)" -ge "$node_major_wanted" ]; then return; fi
  local arch
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) log "unsupported CPU $(uname -m)"; exit 1 ;; esac
  local pkg="node-linux-$arch"
  local bin="$tools_dir/node/node_modules/$pkg/bin"
  if [ ! -x "$bin/node" ]; then
    log "machine Node is $(node --version 2>/dev/null || echo absent); installing $pkg@$node_major_wanted from the npm registry"
    npm install --silent --no-save --no-audit --no-fund --prefix "$tools_dir/node" "$pkg@$node_major_wanted" >&2
  fi
  export PATH="$bin:$PATH"
}

ensure_pnpm() {
  local bin="$tools_dir/pnpm/node_modules/.bin"
  if [ ! -x "$bin/pnpm" ] || [ "$("$bin/pnpm" --version)" != "$pnpm_version" ]; then
    log "installing pnpm@$pnpm_version from the npm registry"
    npm install --silent --no-save --no-audit --no-fund --prefix "$tools_dir/pnpm" "pnpm@$pnpm_version" >&2
  fi
  export PATH="$bin:$PATH"
}

# The API fuzzer (tools/fuzz), pinned here and nowhere else. It is a Python program, so it lives in a venv
# of its own under .tools/ rather than in the machine's Python; only the commands that fuzz call this.
schemathesis_version=4.32.5
python_minor_wanted=11 # schemathesis 4.32 requires Python >= 3.11

ensure_schemathesis() {
  local venv="$tools_dir/schemathesis"
  export SCHEMATHESIS="$venv/bin/schemathesis"
  # `--version` is the check because it also proves the venv still runs (a machine's Python upgrade breaks it).
  if [ "$("$SCHEMATHESIS" --version 2>/dev/null)" = "schemathesis, version $schemathesis_version" ]; then return; fi
  if ! command -v python3 >/dev/null; then
    log "python3 not found: install Python 3.$python_minor_wanted or newer with its venv module (Debian/Ubuntu: apt-get install python3 python3-venv; macOS: brew install python), then run this again"
    exit 1
  fi
  if ! python3 -c "import sys, venv; sys.exit(sys.version_info < (3, $python_minor_wanted))" 2>/dev/null; then
    log "python3 is $(python3 --version 2>&1) or lacks the venv module: schemathesis $schemathesis_version needs Python 3.$python_minor_wanted or newer with venv (Debian/Ubuntu: apt-get install python3-venv)"
    exit 1
  fi
  log "installing schemathesis==$schemathesis_version into .tools/schemathesis (a Python venv) from PyPI"
  # A venv holding another version, or one whose Python is gone, is rebuilt rather than patched.
  rm -rf "$venv"
  if ! python3 -m venv "$venv" >&2; then
    rm -rf "$venv"
    log "python3 -m venv failed (Debian/Ubuntu ship venv apart: apt-get install python3-venv)"
    exit 1
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input "schemathesis==$schemathesis_version" >&2
}

# Go builds the local database (FerretDB), the docker/ and Kubernetes checkers, oasdiff and actionlint
# (tools/*/go.mod). Go publishes its toolchains on the module proxy as the module golang.org/toolchain, so
# the pinned one comes from there (honouring GOPROXY) into .tools/go, the way Node comes from the npm registry.
go_version=1.26.8

go_at_least_pinned() {
  local have
  have=$("$1" env GOVERSION 2>/dev/null | sed 's/^go//') || return 1
  [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$go_version" "$have" | sort -V | head -n 1)" = "$go_version" ]
}

go_proxies() {
  printf '%s\n' "${GOPROXY:-https://proxy.golang.org}" | tr ',|' '\n\n' | grep -E '^https?://' || true
}

# Node is there by now (ensure_node): it downloads, so the set-up needs no curl or wget.
download() {
  node -e 'const [url, out] = process.argv.slice(1);
fetch(url).then(async (r) => { if (!r.ok) process.exit(1); require("node:fs").writeFileSync(out, Buffer.from(await r.arrayBuffer())); }, () => process.exit(1));' "$1" "$2"
}

unpack_zip() {
  if command -v unzip >/dev/null; then unzip -q "$1" -d "$2"
  elif command -v python3 >/dev/null; then python3 -m zipfile -e "$1" "$2"
  else log "neither unzip nor python3 is here to unpack Go: install unzip, or Go $go_version"; exit 1; fi
}

ensure_go() {
  if [ -x "$tools_dir/go/bin/go" ] && go_at_least_pinned "$tools_dir/go/bin/go"; then
    export PATH="$tools_dir/go/bin:$PATH"
    return
  fi
  if command -v go >/dev/null && go_at_least_pinned go; then return; fi
  local os arch module tmp proxy
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) log "unsupported OS $(uname -s)"; exit 1 ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; *) log "unsupported CPU $(uname -m)"; exit 1 ;; esac
  module="v0.0.1-go$go_version.$os-$arch"
  log "machine Go is $(go env GOVERSION 2>/dev/null || echo absent); installing Go $go_version from the Go module proxy"
  tmp=$(mktemp -d)
  for proxy in $(go_proxies); do
    if download "${proxy%/}/golang.org/toolchain/@v/$module.zip" "$tmp/go.zip"; then break; fi
  done
  if [ ! -s "$tmp/go.zip" ]; then
    log "could not download Go $go_version from the Go module proxy (GOPROXY=${GOPROXY:-https://proxy.golang.org}); install Go $go_version or newer"
    exit 1
  fi
  unpack_zip "$tmp/go.zip" "$tmp/unpacked"
  rm -rf "$tools_dir/go"
  mkdir -p "$tools_dir"
  mv "$tmp/unpacked/golang.org/toolchain@$module" "$tools_dir/go"
  # Module zips carry no file modes: the go command itself marks these executable when it unpacks one.
  chmod +x "$tools_dir/go/bin/"* "$tools_dir/go/pkg/tool/"*/*
  rm -rf "$tmp"
  export PATH="$tools_dir/go/bin:$PATH"
}

# What an install depends on: the manifests and the lockfile (as git lists them, tracked or new), Node's and
# pnpm's versions and the install's flags. Its hash is kept in node_modules after an install that passed, so
# a start with the same hash skips the install (a removed node_modules takes the stamp with it). Outside a
# git repository there is nothing to compare: it always installs.
install_stamp="$repo_root/node_modules/.bootstrap-install.sha256"

install_fingerprint() {
  local files
  files=$(cd "$repo_root" && git ls-files --cached --others --exclude-standard -- \
    package.json '*/package.json' pnpm-lock.yaml pnpm-workspace.yaml .npmrc 2>/dev/null) || return 0
  {
    echo "node $(node --version) pnpm $pnpm_version flags ${PNPM_INSTALL_FLAGS:---frozen-lockfile}"
    cd "$repo_root" && printf '%s\n' "$files" | while read -r file; do
      if [ -f "$file" ]; then sha256sum "$file"; fi
    done
  } | sha256sum | cut -d' ' -f1
}

ensure_installed() {
  local fingerprint
  fingerprint=$(install_fingerprint)
  if [ -n "$fingerprint" ] && [ -f "$install_stamp" ] && [ "$(cat "$install_stamp")" = "$fingerprint" ]; then return; fi
  (cd "$repo_root" && pnpm install ${PNPM_INSTALL_FLAGS:---frozen-lockfile} --reporter=silent >&2)
  if [ -n "$fingerprint" ]; then echo "$fingerprint" > "$install_stamp"; fi
}

ensure_node
ensure_pnpm
ensure_go
log "node $(node --version), pnpm $(pnpm --version), $(go env GOVERSION)"
ensure_installed
