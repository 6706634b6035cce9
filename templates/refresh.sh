#!/usr/bin/env bash
# Refresh the embedded ECharts runtime from the npm registry and check it
# against the pinned sha256. Run from anywhere:
#
#   templates/refresh.sh                 # fetch the pinned version, verify, copy
#   templates/refresh.sh 5.6.1 <sha256>  # move the pin: give the new version and its sha256
#
# The page inlines templates/echarts/echarts.min.js once; LICENSE and NOTICE
# travel with it (Apache-2.0). After moving the pin, update EChartsVersion
# and EChartsSHA256 in templates/templates.go to the same values.
set -euo pipefail
version="${1:-5.6.0}"
want="${2:-bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1}"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "echarts@${version}" >/dev/null)
tar -xzf "$tmp/echarts-${version}.tgz" -C "$tmp" package/dist/echarts.min.js package/LICENSE package/NOTICE

got="$(sha256sum "$tmp/package/dist/echarts.min.js" | cut -d' ' -f1)"
if [ "$got" != "$want" ]; then
  echo "echarts@${version} dist/echarts.min.js: sha256 $got, want $want" >&2
  exit 1
fi
mkdir -p "$here/echarts"
cp "$tmp/package/dist/echarts.min.js" "$tmp/package/LICENSE" "$tmp/package/NOTICE" "$here/echarts/"
echo "templates/echarts: echarts@${version} ($got)"
