#!/usr/bin/env bash
# Installs what coverplan needs from Debian 12's packages (only what is missing) and builds it.
#   scripts/setup.sh              release build in build/
#   COVERPLAN_SANITIZE=1 scripts/setup.sh   AddressSanitizer + UBSan build in build-asan/
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

packages=(g++ cmake ninja-build pkg-config
          libgdal-dev gdal-bin libgeos-dev libproj-dev proj-data
          libboost-graph-dev catch2 libcli11-dev libtomlplusplus-dev nlohmann-json3-dev
          coinor-libcbc-dev
          libxlsxwriter-dev libcairo2-dev libpng-dev libpango1.0-dev fonts-noto-cjk libjs-leaflet)
# scripts/test.sh adds what only the tests need (a browser for maps/map.html, poppler-utils to read report.pdf back,
# QGIS to open pack.gpkg).
read -r -a extra_packages <<< "${COVERPLAN_EXTRA_PACKAGES:-}"
packages+=("${extra_packages[@]}")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# scripts/fuzz.sh only needs the packages: it builds with clang in its own folder.
[ "${COVERPLAN_INSTALL_ONLY:-0}" = 1 ] && exit 0

if [ "${COVERPLAN_SANITIZE:-0}" = 1 ]; then
  build_dir=${COVERPLAN_BUILD_DIR:-$here/build-asan}
  extra=(-DCOVERPLAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
else
  build_dir=${COVERPLAN_BUILD_DIR:-$here/build}
  extra=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
fi
cmake -S "$here" -B "$build_dir" -G Ninja -DCOVERPLAN_WERROR=ON "${extra[@]}" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
