#!/usr/bin/env bash
# Start-up, memory and idle-CPU benchmark of the kiosk as a hall runs it: the
# release binary on its embedded default (reference portal in-process,
# speech through a speech-dispatcher it starts itself), full screen on a
# private Xvfb 1920x1080. The whole process tree is measured, the speech
# daemon and its espeak-ng module included: each run has a fresh HOME, so
# libspeechd spawns a daemon of the run's own.
#
#   benches/kiosk-start.sh [RUNS]          # default 5 runs, median/min/max
#
# Uses ../shared/tools/measure-x11-app.sh (or $MEASURE): it needs Xvfb, gcc,
# libx11-dev and libxext-dev. Results and the commands behind them are in
# docs/benchmarks.md. A benchmark, not a test: numbers depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
measure=${MEASURE:-../shared/tools/measure-x11-app.sh}
[ -x "$measure" ] || { echo "measure script not found at $measure (set MEASURE)" >&2; exit 2; }
cargo build --release --quiet
# RUST_LOG=info: the kiosk logs when its speech engine is ready (ms since launch).
exec "$measure" -n "$runs" --idle 10 -v --screenshot /tmp/yiban-kiosk-start.png \
  -- env HOME=@FRESHDIR@ RUST_LOG=warn "$PWD/target/release/yiban" run
