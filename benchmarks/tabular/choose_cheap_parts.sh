#!/usr/bin/env bash
# The fifth round of the defaults (2026-12-07): the parts that cost no scoring time and little fit time (robust
# scaling, Adam's beta2, the scaling layer, a flat-then-cosine dropout, a cosine learning rate), each alone against the
# defaults, on the whole meta-train zoo: manifest.txt, the large sets (export_large.py) and the many-level categorical
# sets (export_categorical.R), in one folder with one classification and one regression manifest. Candidates given
# on the command line replace those five (the ensembles were tried so: "EnsembleSize=4" "EnsembleSize=8").
# Usage: bash benchmarks/tabular/choose_cheap_parts.sh /tmp/mtall [out-folder] ["candidate" ...]
#   where /tmp/mtall holds the CSVs (or links to them), manifest.txt and regression.txt.
set -euo pipefail
zoo=${1:?folder with manifest.txt and regression.txt}; out=${2:-$(mktemp -d)}; shift $(( $# > 1 ? 2 : 1 ))
cd "$(dirname "$0")/../.."
dotnet build -c Release benchmarks/Dropout.MLNet.Benchmarks >/dev/null
run() { dotnet run -c Release --no-build --project benchmarks/Dropout.MLNet.Benchmarks -- "$@"; }
candidates=("$@")
if [ ${#candidates[@]} -eq 0 ]; then
  candidates=("FeatureScaling=RobustSmoothClip" "AdamBeta2=0.95" "ScalingLayer=true" "DropoutSchedule=FlatCosine"
    "LearningRateSchedule=Cosine LearningRate=0.002")
fi

[ -s "$out/classification-defaults.md" ] || run defaults --manifest "$zoo/manifest.txt" > "$out/classification-defaults.md"
[ -s "$out/regression-defaults.md" ] || run regression --manifest "$zoo/regression.txt" > "$out/regression-defaults.md"
for candidate in "${candidates[@]}"; do
  sets=(); for option in $candidate; do sets+=(--set "$option"); done
  run defaults --manifest "$zoo/manifest.txt" --no-lightgbm "${sets[@]}" > "$out/classification-${candidate// /_}.md"
  run regression --manifest "$zoo/regression.txt" "${sets[@]}" > "$out/regression-${candidate// /_}.md"
done

grep -H "^| mean" "$out"/*.md
echo "tables in $out"
