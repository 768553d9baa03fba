#!/usr/bin/env bash
# The procedure that compared candidate defaults (2026-12-07), on the meta-train zoo only (benchmarks/tabular/README.md makes it):
# each candidate, 5-fold CrossValidate on every meta-train set, one after another, one file of results each.
# Candidates are named by the options they change from the defaults ("previous" pins the defaults of 0.1 first).
# Usage: bash benchmarks/tabular/choose_defaults.sh [/tmp/tabular] [/tmp/regzoo] [out-folder]
set -euo pipefail
tabular=${1:-/tmp/tabular}; regression=${2:-/tmp/regzoo}; out=${3:-$(mktemp -d)}
cd "$(dirname "$0")/../.."
dotnet build -c Release benchmarks/Dropout.MLNet.Benchmarks >/dev/null
run() { dotnet run -c Release --no-build --project benchmarks/Dropout.MLNet.Benchmarks -- "$@"; }
previous=(--set NumericalEmbedding=None --set FeatureScaling=Standard)

run defaults --manifest "$tabular/manifest.txt" "${previous[@]}" > "$out/classification-previous.md"
for candidate in \
    "NumericalEmbedding=Periodic" \
    "NumericalEmbedding=Periodic EarlyStoppingPatience=8" \
    "NumericalEmbedding=Periodic FeatureScaling=RobustSmoothClip" \
    "NumericalEmbedding=Periodic AdamBeta2=0.95" \
    "NumericalEmbedding=Periodic FeatureScaling=RobustSmoothClip EarlyStoppingPatience=10"; do
  sets=("${previous[@]}"); for option in $candidate; do sets+=(--set "$option"); done
  run defaults --manifest "$tabular/manifest.txt" --no-lightgbm "${sets[@]}" > "$out/classification-${candidate// /_}.md"
done

for candidate in "NumericalEmbedding=None FeatureScaling=Standard" "NumericalEmbedding=Periodic FeatureScaling=Standard" \
    "NumericalEmbedding=None FeatureScaling=RobustSmoothClip" "NumericalEmbedding=Periodic FeatureScaling=RobustSmoothClip"; do
  sets=(); for option in $candidate; do sets+=(--set "$option"); done
  run regression --manifest "$regression/regression.txt" "${sets[@]}" > "$out/regression-${candidate// /_}.md"
done

grep -H "^| mean" "$out"/*.md
echo "tables in $out"
