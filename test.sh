#!/usr/bin/env bash
# Runs every test: domain, components (bUnit), integration (real app, SQLite, SignalR) and browser (Debian chromium).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-tools.sh browser
dotnet tool restore >/dev/null
dotnet build DoiThoai.sln -c Release -v quiet -nologo
dotnet test DoiThoai.sln -c Release --no-build -nologo "$@"
