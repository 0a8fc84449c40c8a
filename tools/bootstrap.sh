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

ensure_node
ensure_pnpm
log "node $(node --version), pnpm $(pnpm --version)"
(cd "$repo_root" && pnpm install ${PNPM_INSTALL_FLAGS:---frozen-lockfile} --reporter=silent >&2)
