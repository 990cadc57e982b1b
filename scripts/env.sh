# Sourced by the scripts: tools on PATH, in the order the build expects.
# wasm-opt must be npm's binaryen 132 (Debian's 108 cannot read current rustc output).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# The pinned nightly for the viewer's wasm (std rebuilt for size; scripts/build,
# book/src/developer/sizes.md): the newest whose wasm32 parts this machine's rustup mirror had on 2026-12-02.
NIGHTLY=nightly-2026-05-20
export NIGHTLY
