#!/usr/bin/env bash
# libFuzzer runs for the parsers that read untrusted bytes (issue 7). `make fuzz` runs this.
#
# The harnesses in fuzz/ are compiled together with the module sources they test (swiftc
# -sanitize=fuzzer -parse-as-library), so no SwiftPM change is needed. Three binaries: "a2a" serves
# the targets sse, json, card, v1, v03, v01 (FUZZ_TARGET picks one; the A2A sources compile once),
# "sanitizer" (Sources/Screen/Text), and "config" (ConfigLoader, linked with the Yams objects
# SwiftPM built; the script builds the Yams target first when they are missing).
#
# Environment:
#   FUZZ_RUNS      executions per target (default 1000000)
#   FUZZ_MAX_TIME  seconds per target at most (default 900)
#   FUZZ_TARGETS   space-separated subset of target names (default: all)
#   FUZZ_OUT       work directory: binaries, corpora, logs, crashers (default .build-fuzz)
#   SCRATCH        SwiftPM scratch path holding the Yams build (default .build)
#   FUZZ_ASAN      1 adds AddressSanitizer (about 2.5x slower; the unsafe-pointer parsers benefit)
#   FUZZ_JOBS      targets run at the same time (default 2)
#   FUZZ_MAX_LEN   largest input in bytes (default 4096)
# A crash, timeout (>10 s per input), OOM (>2 GB), or with FUZZ_ASAN=1 a memory error or leak,
# fails the target; the reproducer is left in $FUZZ_OUT/<target>/ (crash-*, timeout-*, oom-*).
# Reproduce with:  FUZZ_TARGET=<target> $FUZZ_OUT/bin/<binary> $FUZZ_OUT/<target>/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${FUZZ_RUNS:-1000000}
JOBS=${FUZZ_JOBS:-2}
MAX_LEN=${FUZZ_MAX_LEN:-4096}
MAX_TIME=${FUZZ_MAX_TIME:-900}
OUT=${FUZZ_OUT:-.build-fuzz}
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)  # absolute: targets run from their own folders
SCRATCH=${SCRATCH:-.build}
SWIFTC=${SWIFTC:-swiftc}
ALL_TARGETS="sse json card v1 v03 v01 sanitizer config theme"
TARGETS=${FUZZ_TARGETS:-$ALL_TARGETS}
FIXTURES=Tests/A2ATests/Fixtures

mkdir -p "$OUT/bin"
A2A_SOURCES=$(find Sources/A2A -name '*.swift' | sort)
TEXT_SOURCES="Sources/Screen/Text/TextSanitizer.swift Sources/Screen/Text/CellWidth.swift Sources/Screen/Text/CellWidthTable.swift Sources/Screen/Text/TextLayout.swift"
CONFIG_SOURCES=$(find Sources/AgentDeckCLI/Config -name '*.swift' | sort)

# -O keeps the executions per second useful; Swift's own checks (overflow, bounds, force unwraps,
# exclusivity) stay on in -O and crash like a real bug would.
SANITIZERS=fuzzer
if [ "${FUZZ_ASAN:-0}" = 1 ]; then SANITIZERS=fuzzer,address; fi
FLAGS=(-O -swift-version 6 -parse-as-library -sanitize=$SANITIZERS -module-name FuzzTarget)

compile() {  # name, then sources and extra flags
    local name=$1; shift
    echo "fuzz: building $name"
    # ld.gold warns about ASan's local symbols on every link: noise, not a problem.
    "$SWIFTC" "${FLAGS[@]}" "$@" -o "$OUT/bin/$name" 2> >(grep -v "Cannot export local symbol" >&2)
}

binary_of() {
    case $1 in
        sse|json|card|v1|v03|v01) echo a2a ;;
        *) echo "$1" ;;
    esac
}

build_binary() {
    case $1 in
        a2a)
            # A2A/Tasks packs finished tasks with zlib: the CZlib module map and -lz.
            compile a2a fuzz/A2AFuzzEntry.swift fuzz/SSEParserFuzz.swift fuzz/JSONParserFuzz.swift \
                fuzz/CardDecoderFuzz.swift fuzz/DialectDecoderFuzz.swift $A2A_SOURCES -I Sources/CZlib -lz ;;
        sanitizer) compile sanitizer fuzz/TextSanitizerFuzz.swift $TEXT_SOURCES ;;
        config)
            # The config sources use Wire (auth), Deck (key names), Screen (themes) and the journal
            # settings: only the harness and Sources/AgentDeckCLI/Config are instrumented; the
            # modules they import are linked from a SwiftPM debug build.
            local debug="$SCRATCH/debug"
            if ! ls "$debug"/Screen.build/*.o "$debug"/Wire.build/*.o "$debug"/Yams.build/*.o >/dev/null 2>&1; then
                echo "fuzz: building the imported modules with SwiftPM ($SCRATCH)"
                for t in Yams A2A Wire Deck Screen; do swift build --scratch-path "$SCRATCH" --target $t >/dev/null; done
            fi
            local cyaml
            cyaml=$(find "$SCRATCH/checkouts" -path '*Yams/Sources/CYaml/include' -type d | head -n1)
            local objects=()
            for m in Yams A2A Wire Deck Screen CShim; do objects+=("$debug"/$m.build/*.o); done
            objects+=("$debug"/CYaml.build/src/*.o)
            compile config fuzz/ConfigLoaderFuzz.swift $CONFIG_SOURCES Sources/AgentDeckCLI/Runtime/JournalSettings.swift \
                -I "$debug/Modules" -I "$cyaml" -Xcc -fmodule-map-file="$cyaml/module.modulemap" \
                -Xcc -fmodule-map-file=Sources/CCurl/module.modulemap -Xcc -fmodule-map-file="$debug/CShim.build/module.modulemap" \
                -Xcc -fmodule-map-file=Sources/CZlib/module.modulemap \
                -I Sources/CShim/include "${objects[@]}" -lcurl -lz
            ;;
        theme)
            local debug="$SCRATCH/debug"
            if ! ls "$debug"/Deck.build/*.o "$debug"/Yams.build/*.o >/dev/null 2>&1; then
                echo "fuzz: building the imported modules with SwiftPM ($SCRATCH)"
                for t in Yams A2A Deck; do swift build --scratch-path "$SCRATCH" --target $t >/dev/null; done
            fi
            local cyaml
            cyaml=$(find "$SCRATCH/checkouts" -path '*Yams/Sources/CYaml/include' -type d | head -n1)
            compile theme fuzz/ThemeFileFuzz.swift $(find Sources/Screen -name '*.swift' | sort) \
                -I "$debug/Modules" -I "$cyaml" -Xcc -fmodule-map-file="$cyaml/module.modulemap" \
                -Xcc -fmodule-map-file=Sources/CZlib/module.modulemap \
                "$debug"/Yams.build/*.o "$debug"/CYaml.build/src/*.o "$debug"/A2A.build/*.o "$debug"/Deck.build/*.o -lz
            ;;
        *) echo "fuzz: unknown binary $1" >&2; return 1 ;;
    esac
}

# Seeds: the real wire captures, split into what each parser sees.
seed_corpora() {
    python3 - "$FIXTURES" "$OUT" <<'PY'
import base64, json, os, sys
fixtures, out = sys.argv[1], sys.argv[2]
corpora = {t: [] for t in ["sse", "json", "card", "v1", "v03", "v01", "sanitizer", "config", "theme"]}

def body_of(raw):
    for sep in (b"\r\n\r\n", b"\n\n"):
        if raw.startswith(b"HTTP/") and sep in raw:
            return raw.split(sep, 1)[1]
    return raw

for name in sorted(os.listdir(fixtures)):
    raw = open(os.path.join(fixtures, name), "rb").read()
    if name == "sse-conformance.json":
        for case in json.loads(raw)["cases"]:
            corpora["sse"].append(b"\x40\x40\x03" + base64.b64decode(case["input"]))
        continue
    body = body_of(raw)
    corpora["sanitizer"].append(b"\x00" + body[:4096])
    if b"data:" in body:
        corpora["sse"].append(b"\x40\x40\x05" + body)
        for line in body.splitlines():
            if line.startswith(b"data:"):
                payload = line[5:].strip()
                corpora["json"].append(payload)
                for t, sel in (("v1", 1), ("v03", 1), ("v01", 1)):
                    corpora[t].append(bytes([sel, 0]) + payload)
        continue
    corpora["json"].append(body)
    if "card" in name or name.endswith(".json"):
        corpora["card"].append(body)
    for t in ("v1", "v03", "v01"):
        for sel in (0, 2, 4):
            corpora[t].append(bytes([sel, 0]) + body)

corpora["sanitizer"] += [b"\x00a\x1b]0;pwned\x07b\x1b[2Jc\xc2\x9b31m\xe2\x80\xaeevil", b"\x01tab\tnew\r\nline\xe2\x80\xa8"]
corpora["config"] += [
    b"pollInterval: 5\ntheme: dark\nreadOnly: true\n",
    b"agents:\n  - url: http://127.0.0.1:8000\n    name: one\n    bearerEnv: TOKEN\n",
    b"keys:\n  quit: q\n",
    b"- not a mapping\n",
    b"pollInterval: [1, 2]\n",
]
# Theme seeds: the shipped themes themselves.
for name in sorted(os.listdir("themes")):
    if name.endswith((".yaml", ".yml")):
        corpora["theme"].append(open(os.path.join("themes", name), "rb").read())
corpora["theme"] += [b"name: x\nroles:\n  header: {fg: '#ff0000', attrs: [bold]}\n", b"palette: [1, 2]\n"]
for target, seeds in corpora.items():
    directory = os.path.join(out, target)
    os.makedirs(directory, exist_ok=True)
    for i, seed in enumerate(seeds):
        with open(os.path.join(directory, "seed-%03d" % i), "wb") as f:
            f.write(seed)
PY
}

run_target() {
    local name=$1 dir="$OUT/$1" log="$OUT/$1.log"
    mkdir -p "$dir/corpus"
    cp -n "$dir"/seed-* "$dir/corpus/" 2>/dev/null || true
    echo "fuzz: running $name ($RUNS runs, at most $MAX_TIME s)"
    local status=0
    (cd "$dir" && FUZZ_TARGET=$name "$OUT/bin/$(binary_of "$name")" corpus -runs="$RUNS" \
        -max_total_time="$MAX_TIME" -max_len="$MAX_LEN" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1) \
        >"$log" 2>&1 || status=$?
    local runs secs
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo "?")
    local rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    local verdict=ok
    if [ "$status" -ne 0 ]; then verdict="FAILED (exit $status; see $log and $dir/)"; fi
    printf '%-10s %10s runs %6s s %8s exec/s  %s\n' "$name" "${runs:-0}" "${secs:-?}" "${rate:-0}" "$verdict" | tee -a "$OUT/summary.txt"
    return $status
}

seed_corpora
: >"$OUT/summary.txt"
binaries=$(for target in $TARGETS; do binary_of "$target"; done | sort -u)
for binary in $binaries; do build_binary "$binary"; done

# Run FUZZ_JOBS targets at a time; remember failures through marker files.
rm -f "$OUT"/*.failed
running=0
for target in $TARGETS; do
    (run_target "$target" || touch "$OUT/$target.failed") &
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
done
wait
echo "fuzz: summary (also in $OUT/summary.txt)"
cat "$OUT/summary.txt"
if ls "$OUT"/*.failed >/dev/null 2>&1; then exit 1; fi
