#!/usr/bin/env bash
# Runs every test: domain, components (bUnit), integration (real app, SQLite, SignalR) and browser (Debian chromium).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-tools.sh browser
# PostgreSQL for the multi-node tests (started here when missing; without it those tests say skipped).
eval "$(scripts/test-servers.sh)"
dotnet tool restore >/dev/null
dotnet build DoiThoai.sln -c Release -v quiet -nologo
dotnet test DoiThoai.sln -c Release --no-build -nologo "$@"
