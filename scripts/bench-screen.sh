#!/bin/sh
# Measures, in release mode and in CPU time (the machine is shared), what a 200x60 frame costs
# to build (widgets into a CellBuffer) and to draw (ncurses, headless on /dev/null), and the
# sanitizer / width throughput. Usage: scripts/bench-screen.sh
set -eu
cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build-bench}
swift build -c release --scratch-path "$SCRATCH" --target Terminal
R=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)
OBJS=$(find "$R/" -name '*.o' | grep -E '/(Screen|Terminal|Deck|A2A|Yams|CYaml|CShim)\.build/')
YAML_MAP=$(find "$SCRATCH/checkouts/Yams" -path '*CYaml/include/module.modulemap' | head -1)
OUT=$(mktemp -d)
swiftc -O scripts/bench/screen-bench.swift -I "$R/Modules" \
  -Xcc -fmodule-map-file=Sources/CNcursesw/module.modulemap \
  -Xcc -fmodule-map-file="$R/CShim.build/module.modulemap" \
  -Xcc -fmodule-map-file="$YAML_MAP" \
  $OBJS -lncursesw -ltinfo -o "$OUT/screen-bench"
"$OUT/screen-bench"
rm -rf "$OUT"
