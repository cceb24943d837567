#!/usr/bin/env bash
# Installs Debian packages the app or its tests need, when missing: npm (front-end assets) and, with "browser" (the
# test run), chromium for the browser tests and LibreOffice Writer, which converts every .docx the app makes to PDF.
set -euo pipefail
need=()
lean=()
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
if [ "${1:-}" = "browser" ]; then
    command -v chromium >/dev/null 2>&1 || need+=(chromium)
    # Without its recommended packages: the converter alone, not the desktop suite.
    [ -e /usr/bin/soffice ] || lean+=(libreoffice-writer-nogui)
fi
[ $((${#need[@]} + ${#lean[@]})) -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Cài đặt gói còn thiếu: ${need[*]} ${lean[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
[ ${#need[@]} -eq 0 ] || $sudo apt-get install -y -qq "${need[@]}" >/dev/null
[ ${#lean[@]} -eq 0 ] || $sudo apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null
