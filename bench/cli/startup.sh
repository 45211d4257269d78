#!/usr/bin/env bash
# Whole-command timings with hyperfine (median of >= 10 runs). Figures go to docs/performance.md.
# Usage: bench/cli/startup.sh   (builds the distribution first if needed)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
sky="$root/sky-cli/target/sky/bin/sky"
[ -x "$sky" ] || (cd "$root" && mvn -q package -DskipTests -pl sky-cli -am)
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 1; }
export AWS_EC2_METADATA_DISABLED=true NO_GCE_CHECK=true
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SKY_HOME="$work/home"
mkdir -p "$SKY_HOME"
cat > "$work/gpu.yaml" <<'YAML'
resources:
  accelerators: V100:1
run: echo hi
YAML
"$sky" --version >/dev/null
"$sky" launch --dryrun --all-clouds "$work/gpu.yaml" >/dev/null
out="$work/results.md"
hyperfine -N --warmup 3 --runs 15 --export-markdown "$out.help" "$sky --help"
hyperfine -N --warmup 3 --runs 15 --export-markdown "$out.dry" "$sky launch --dryrun --all-clouds $work/gpu.yaml"
mkdir -p "$SKY_HOME/catalogs/aws"
python3 "$root/bench/cli/gen_aws_catalog.py" 50000 "$SKY_HOME/catalogs/aws/vms.csv"
"$sky" launch --dryrun --all-clouds "$work/gpu.yaml" >/dev/null
hyperfine -N --warmup 3 --runs 15 --export-markdown "$out.big" "$sky launch --dryrun --all-clouds $work/gpu.yaml"
cat "$out.help" "$out.dry" "$out.big"
