#!/usr/bin/env bash
# Installs Debian packages the app or its tests need, when missing: npm (front-end assets) and, with "browser", chromium.
set -euo pipefail
need=()
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
if [ "${1:-}" = "browser" ] && ! command -v chromium >/dev/null 2>&1; then need+=(chromium); fi
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Cài đặt gói còn thiếu: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${need[@]}" >/dev/null
