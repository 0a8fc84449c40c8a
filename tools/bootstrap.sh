# Sourced by the tools/ commands: puts Node 24 and the pinned pnpm on PATH and installs the workspace.
# Nothing here relies on something installed by hand: where the machine's Node is older than 24, Node 24
# comes from the npm registry (node-linux-<arch>) into .tools/, and pnpm comes from the npm registry too.
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

ensure_node
ensure_pnpm
log "node $(node --version), pnpm $(pnpm --version)"
(cd "$repo_root" && pnpm install ${PNPM_INSTALL_FLAGS:---frozen-lockfile} --reporter=silent >&2)
