#!/usr/bin/env bash
# Benchmark: reportsite against Hugo and the cmark-gfm CLI on the same
# generated documents (Tests/bench/gen_corpus.py), measured the same way in
# the same run.
#
#   bash Tests/bench/run.sh [N...]          # default: 1000 10000
#
# For each N it generates (or reuses, when the stamp matches N, seed and the
# generator) three corpora of the same documents under $BENCH_DIR/corpus/:
# a reportsite site (with a fresh copy of this repository's Templates/), a
# Hugo site, and the bare bodies with all.md. Then, $BENCH_RUNS times each
# (interleaved), every tool writing into a new empty folder:
#
#   reportsite build --quiet --root <site> --output <new empty dir>
#       (first build: the site's decode cache moved aside beforehand)
#   reportsite build --force --quiet ...   (clean build, decode cache present)
#   hugo --quiet -s <hugo site> -d <new empty dir>
#   cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist all.md > /dev/null
#
# Before each timed run, `sync` writes out what the runs before it left in
# the page cache. Then, into the folder the last --force run wrote (without --quiet, so its
# step timings are recorded), a no-change rebuild, a rebuild after one
# document's body changed (the quick build) and one after a document's
# title changed (the full incremental build), each $BENCH_RUNS times. Wall time and
# peak RSS come from /usr/bin/time -f '%e %M'. On the
# largest N it times search queries in headless Chromium
# (Tests/quality/search_test.py) and compares search-index.json with the
# site's HTML. The Markdown report goes to stdout and $BENCH_DIR/results-*.md.
#
# Environment:
#   BENCH_DIR          work folder (default /tmp/reportsite-bench)
#   BENCH_SEED         corpus seed (default 1)
#   BENCH_RUNS         runs per measurement (default 3; the median is reported)
#   REPORTSITE_BIN     use this reportsite binary instead of building one
#   BENCH_BUILD_TRIES  attempts at `swift build` (default 3, 60 s apart)
#   BENCH_KEEP=1       keep every output folder (default: only this run's searched
#                      site and measurements; earlier runs' folders are removed)
#   REPORTSITE_QUALITY_VENV  the quality gate's venv (default /opt/reportsite-quality-venv)
set -euo pipefail
shopt -s inherit_errexit

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/reportsite-bench}
SEED=${BENCH_SEED:-1}
RUNS=${BENCH_RUNS:-3}
VENV=${REPORTSITE_QUALITY_VENV:-/opt/reportsite-quality-venv}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
for n in "${SIZES[@]}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: '$n' is not a number of documents" >&2; exit 2; }
done

log() { echo "bench: $*" >&2; }

# --- tools -------------------------------------------------------------------

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_install() {
  local missing=()
  command -v hugo >/dev/null 2>&1 || missing+=(hugo)
  command -v cmark-gfm >/dev/null 2>&1 || missing+=(cmark-gfm)
  [ -x /usr/bin/time ] || missing+=(time)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  local apt=($SUDO env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=600)
  if ! "${apt[@]}" install --no-install-recommends "${missing[@]}" >/dev/null; then
    log "apt-get update, then install again"
    "${apt[@]}" update >/dev/null
    "${apt[@]}" install --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
apt_install
bash "$ROOT/install-deps.sh"
mkdir -p "$BENCH_DIR"

if [ -n "${REPORTSITE_BIN:-}" ]; then
  REPORTSITE=$REPORTSITE_BIN
  BUILT_FROM="the given binary $REPORTSITE_BIN"
else
  tries=${BENCH_BUILD_TRIES:-3}
  for ((t = 1; ; t++)); do
    # As build.sh builds it.
    log "swift build -c release --static-swift-stdlib --product reportsite (attempt $t)"
    if (cd "$ROOT" && swift build -c release --static-swift-stdlib --product reportsite >"$BENCH_DIR/build.log" 2>&1); then
      break
    fi
    if [ "$t" -ge "$tries" ]; then
      tail -30 "$BENCH_DIR/build.log" >&2
      log "the release build failed; see $BENCH_DIR/build.log"
      exit 2
    fi
    sleep 60
  done
  REPORTSITE="$ROOT/.build/release/reportsite"
  BUILT_FROM="reportsite $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  if [ -n "$(git -C "$ROOT" status --porcelain -- Sources Package.swift Package.resolved 2>/dev/null)" ]; then
    BUILT_FROM="$BUILT_FROM + uncommitted changes to Sources/"
  fi
  # Measure a copy, so a rebuild of the repository mid-run cannot swap the binary.
  cp "$REPORTSITE" "$BENCH_DIR/reportsite"
  REPORTSITE="$BENCH_DIR/reportsite"
fi
[ -x "$REPORTSITE" ] || { log "no reportsite binary at $REPORTSITE"; exit 2; }

mkdir -p "$BENCH_DIR/corpus" "$BENCH_DIR/out"
STAMP_RUN=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$BENCH_DIR/out/$STAMP_RUN"
mkdir -p "$OUT"
TSV="$OUT/measurements.tsv"   # tool  N  run  wall_s  rss_kib  exit  loadavg-1min-after
: >"$TSV"

# --- corpora ------------------------------------------------------------------

corpus() {  # corpus FORMAT N -> prints the folder
  local fmt=$1 n=$2 dir="$BENCH_DIR/corpus/$1-$2"
  local want
  want=$(python3 "$HERE/gen_corpus.py" --stamp --n "$n" --seed "$SEED" --format "$fmt")
  [ -n "$want" ] || { log "gen_corpus.py --stamp printed nothing"; exit 2; }
  if [ "$(cat "$dir/.bench-stamp" 2>/dev/null)" != "$want" ]; then
    log "generating $fmt corpus, N=$n, seed $SEED"
    python3 "$HERE/gen_corpus.py" --n "$n" --seed "$SEED" --format "$fmt" --out "$dir" >&2
  else
    log "reusing $dir"
  fi
  if [ "$fmt" = reportsite ]; then  # always today's templates
    rm -rf "$dir/Templates"
    cp -a "$ROOT/Templates" "$dir/Templates"
  fi
  echo "$dir"
}

# --- measuring ----------------------------------------------------------------

# timed TOOL N RUN CMD...: runs CMD under /usr/bin/time, appends a TSV row.
timed() {
  local tool=$1 n=$2 run=$3
  shift 3
  local tf="$OUT/time.$tool.$n.$run" ef="$OUT/stderr.$tool.$n.$run" rc=0
  # The last run's files written out first, so no run pays for the
  # writeback of another's 500 MB (untimed).
  sync
  /usr/bin/time -f '%e %M' -o "$tf" "$@" >/dev/null 2>"$ef" || rc=$?
  local wall=nan rss=0
  read -r wall rss < <(tail -1 "$tf" 2>/dev/null) || true
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$n" "$run" "$wall" "$rss" "$rc" "$load" >>"$TSV"
  log "$tool N=$n run $run: ${wall} s, $((rss / 1024)) MiB, exit $rc, load average after $load"
  if [ "$rc" -ne 0 ]; then tail -5 "$ef" >&2; fi
}

SEARCH_SITE=""
SEARCH_N=0
for n in "${SIZES[@]}"; do
  rs=$(corpus reportsite "$n")
  hg=$(corpus hugo "$n")
  pl=$(corpus plain "$n")
  sync
  for ((run = 1; run <= RUNS; run++)); do
    mkdir "$OUT/reportsite-first-$n-$run" "$OUT/reportsite-$n-$run" "$OUT/hugo-$n-$run"
    # A first build, as on a fresh clone: no decode cache. The old one is
    # moved, not deleted, so freeing its blocks does not slow the timed run.
    if [ -e "$rs/.reportsite-cache" ]; then mv "$rs/.reportsite-cache" "$OUT/cache-$n-$run"; fi
    timed reportsite-first "$n" "$run" "$REPORTSITE" build --quiet --root "$rs" --output "$OUT/reportsite-first-$n-$run"
    # --force: a clean build, not reading the decode cache an earlier run left
    # in the site folder (it still writes one, as any first build does).
    timed reportsite "$n" "$run" "$REPORTSITE" build --force --quiet --root "$rs" --output "$OUT/reportsite-$n-$run"
    timed hugo "$n" "$run" hugo --quiet -s "$hg" -d "$OUT/hugo-$n-$run"
    timed cmark-gfm "$n" "$run" cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist "$pl/all.md"
  done
  # The rebuilds run without --quiet (which only drops two lines of stderr),
  # so reportsite's own step timings are recorded without another build.
  # They build into the folder the last run wrote: the cache's stamp is its.
  last="$OUT/reportsite-$n-$RUNS"
  for ((run = 1; run <= RUNS; run++)); do
    timed reportsite-rebuild "$n" "$run" "$REPORTSITE" build --root "$rs" --output "$last"
    log "  $(grep -E ' in [0-9.]+ s' "$OUT/stderr.reportsite-rebuild.$n.$run" | tail -1)"
  done
  # One document's body changed, built into the same folder: decoded
  # documents come from the cache and unchanged pages are reused. Each run
  # changes a document of its own and leaves the others as the last run
  # built them, so each build sees exactly one change; the documents are
  # put back after the title runs below.
  mapfile -t changed < <(find "$rs/Content/reports" -name '*.md' | sort | head -n "$RUNS")
  for ((run = 1; run <= RUNS; run++)); do
    doc=${changed[$((run - 1))]}
    cp "$doc" "$OUT/original-$run.md"
    printf '\nA sentence added for the benchmark.\n' >>"$doc"
    timed reportsite-change "$n" "$run" "$REPORTSITE" build --root "$rs" --output "$last"
    log "  $(grep -E ' in [0-9.]+ s' "$OUT/stderr.reportsite-change.$n.$run" | tail -1)"
  done
  # One document's title changed: other pages (lists, topics, the home
  # page) show it, so this is the full incremental build, not the quick one.
  for ((run = 1; run <= RUNS; run++)); do
    sed -i '0,/^title: "/s//title: "Revised: /' "${changed[$((run - 1))]}"
    timed reportsite-title "$n" "$run" "$REPORTSITE" build --root "$rs" --output "$last"
    log "  $(grep -E ' in [0-9.]+ s' "$OUT/stderr.reportsite-title.$n.$run" | tail -1)"
  done
  for ((run = 1; run <= RUNS; run++)); do cp "$OUT/original-$run.md" "${changed[$((run - 1))]}"; done
  pages=$(find "$last" -name '*.html' | wc -l)
  hpages=$(find "$OUT/hugo-$n-1" -name '*.html' | wc -l)
  printf 'pages\t%s\t%s\t%s\n' "$n" "$pages" "$hpages" >>"$OUT/pages.tsv"
  if [ "$n" -ge "$SEARCH_N" ]; then SEARCH_N=$n; SEARCH_SITE="$last"; fi
done

# --- search --------------------------------------------------------------------

SEARCH_OUT="$OUT/search.txt"
: >"$SEARCH_OUT"
if [ -n "$SEARCH_SITE" ]; then
  if [ ! -x "$VENV/bin/python" ]; then
    log "no quality venv: bash Tests/quality/install.sh"
    bash "$ROOT/Tests/quality/install.sh" >&2
  fi
  log "search timing on the N=$SEARCH_N site"
  "$VENV/bin/python" "$ROOT/Tests/quality/search_test.py" "$SEARCH_SITE" \
    --time custody --time "child protection" --time mash >"$SEARCH_OUT" 2>&1 || log "search_test.py failed (exit $?)"
  index=$(find "$SEARCH_SITE" -name search-index.json -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  html=$(find "$SEARCH_SITE" -name '*.html' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  all=$(du -sb "$SEARCH_SITE" | cut -f1)
  printf 'search\t%s\t%s\t%s\t%s\n' "$SEARCH_N" "$index" "$html" "$all" >>"$OUT/pages.tsv"
fi

# --- report --------------------------------------------------------------------

REPORT="$BENCH_DIR/results-$STAMP_RUN.md"
python3 - "$TSV" "$OUT/pages.tsv" "$SEARCH_OUT" "$OUT" "$BUILT_FROM" "$ROOT" "$SEED" >"$REPORT" <<'PY'
import collections, os, re, statistics, subprocess, sys

tsv, pages_tsv, search_out, out, built_from, root, seed = sys.argv[1:]

def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""

rows = collections.defaultdict(list)
loads = []
for line in open(tsv):
    tool, n, run, wall, rss, rc, load = line.rstrip("\n").split("\t")
    rows[(tool, int(n))].append((float(wall), int(rss), int(rc)))
    loads.append(float(load))
pages, search = {}, None
for line in open(pages_tsv):
    f = line.rstrip("\n").split("\t")
    if f[0] == "pages":
        pages[int(f[1])] = (int(f[2]), int(f[3]))
    elif f[0] == "search":
        search = tuple(int(x) for x in f[1:])

mem_kib = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
print(f"## reportsite benchmark, {sh('date -u +%Y-%m-%d')}")
print()
print(f"Machine: {sh('. /etc/os-release && echo $PRETTY_NAME')}, `nproc` {sh('nproc')}, "
      f"{mem_kib / 1048576:.1f} GiB memory. {built_from}; {sh('hugo version').split(' BuildDate')[0]}; "
      f"{sh('cmark-gfm --version').splitlines()[0] if sh('cmark-gfm --version') else 'cmark-gfm'}.")
print(f"Corpus: Tests/bench/gen_corpus.py, seed {seed} (meetings/reports/responses 40/40/20). "
      f"Median of {max(len(v) for v in rows.values())} runs; every run writes into a new empty folder; "
      "peak RSS is the largest of the runs. ms/page is wall time per source document.")
print()
print("| tool | N | wall s (median) | ms/page | peak RSS MiB | ratio to cmark-gfm |")
print("|---|---:|---:|---:|---:|---:|")
names = {"reportsite-first": "reportsite build, first (no decode cache)",
         "reportsite": "reportsite build --force (decode cache present)", "reportsite-rebuild": "reportsite build, no change (same output folder)",
         "reportsite-change": "reportsite build, one document's text changed (quick build, same output folder)",
         "reportsite-title": "reportsite build, one document's title changed (same output folder)",
         "hugo": "Hugo", "cmark-gfm": "cmark-gfm CLI (all.md)"}
for n in sorted({n for _, n in rows}):
    base = rows.get(("cmark-gfm", n))
    base_med = statistics.median(w for w, _, _ in base) if base else None
    for tool in ("reportsite-first", "reportsite", "reportsite-rebuild", "reportsite-change", "reportsite-title", "hugo", "cmark-gfm"):
        runs = rows.get((tool, n))
        if not runs:
            continue
        failed = [rc for _, _, rc in runs if rc != 0]
        med = statistics.median(w for w, _, _ in runs)
        rss = max(r for _, r, _ in runs) / 1024
        ratio = f"{med / base_med:.1f}×" if base_med else "–"
        note = f" (FAILED: exit {failed[0]})" if failed else ""
        print(f"| {names[tool]}{note} | {n:,} | {med:.2f} | {med * 1000 / n:.2f} | {rss:,.0f} | {ratio} |")
print()
for n in sorted(pages):
    print(f"- N={n:,}: reportsite wrote {pages[n][0]:,} HTML files, Hugo {pages[n][1]:,}.")
for n in sorted({n for _, n in rows}):
    for kind, label in (("reportsite-rebuild", "no-change rebuild"), ("reportsite-change", "one document's text changed"),
                        ("reportsite-title", "one document's title changed")):
        for run in range(1, len(rows.get((kind, n), [])) + 1):
            path = os.path.join(out, f"stderr.{kind}.{n}.{run}")
            line = [l for l in open(path) if re.search(r" in [0-9.]+ s", l)] if os.path.exists(path) else []
            if line:
                print(f"- reportsite's own step timings, N={n:,}, {label} {run}: `{line[-1].strip()}`")
if loads:
    print(f"- 1-minute load average after each run: {min(loads):.2f} to {max(loads):.2f} "
          f"({sh('nproc')} CPUs; above that, something else was running)")
print("- every run (s): " + "; ".join(
    f"{t} {n:,}: " + ", ".join(f"{w:.2f}" for w, _, _ in v) for (t, n), v in sorted(rows.items(), key=lambda k: (k[0][1], k[0][0]))))
if search:
    n, index, html, total = search
    print()
    print(f"### Search on the N={n:,} site")
    print()
    print(f"search-index.json: {index / 1048576:.1f} MiB, {100 * index / max(html, 1):.1f} % of the site's HTML "
          f"({html / 1048576:.1f} MiB; whole site {total / 1048576:.1f} MiB).")
    print()
    timings = [l.rstrip() for l in open(search_out) if l.startswith("time")]
    if timings:
        print("```")
        print("\n".join(timings))
        print("```")
    else:
        print("search_test.py printed no timings:")
        print("```")
        print("".join(open(search_out).readlines()[-15:]).rstrip())
        print("```")
PY
cat "$REPORT"
log "report: $REPORT; raw measurements: $OUT"

# Clean up after measuring (deleting just before a timed run slows its writes):
# this run's output folders but the searched site, and earlier runs' folders.
if [ "${BENCH_KEEP:-0}" != 1 ]; then
  for d in "$OUT"/reportsite-* "$OUT"/hugo-* "$OUT"/cache-*; do
    [ "$d" = "$SEARCH_SITE" ] || rm -rf "$d"
  done
  for d in "$BENCH_DIR"/out/*/; do
    [ "${d%/}" = "$OUT" ] || rm -rf "$d"
  done
  log "kept the searched site: $SEARCH_SITE"
fi
