# Shared by scripts/start, scripts/test and the Dockerfile: make sure pnpm 10 is there, then
# install the workspace (which also builds it, through the root "prepare" script).
# Sourced, not run: it sets nothing but PATH.

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && pnpm --version 2>/dev/null | grep -q '^10\.'; then return; fi
  # corepack installs the exact version pinned (with its hash) in package.json's packageManager.
  export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
  if command -v corepack >/dev/null 2>&1 && corepack enable pnpm >/dev/null 2>&1 \
    && pnpm --version 2>/dev/null | grep -q '^10\.'; then return; fi
  echo "Installing pnpm 10 with npm…" >&2
  npm install --global --no-fund --no-audit pnpm@10.34.9 >&2
}

install_workspace() {
  ensure_pnpm
  # Frozen: a fresh clone gets exactly the locked versions. `prepare` then builds every package.
  pnpm install --frozen-lockfile --reporter=append-only >&2
}

# Installs Debian packages that tests need, when they are missing (CI and a fresh machine run as root).
ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# After install_workspace: keeps only what `disrupt serve` needs at run time (the Docker image).
# The built dist/ folders stay; build tools, test runners and type packages go.
prune_to_production() {
  ensure_pnpm
  # A production-only install over the built tree (--ignore-scripts: `prepare` would rebuild
  # without its build tools), then prune drops the dev packages it leaves in the virtual store;
  # prune can also drop the workspace packages' own links, which the last install puts back.
  export CI=true
  pnpm install --prod --frozen-lockfile --ignore-scripts --reporter=append-only >&2
  pnpm prune --prod --ignore-scripts --reporter=append-only >&2
  pnpm install --prod --frozen-lockfile --ignore-scripts --reporter=append-only >&2
}
