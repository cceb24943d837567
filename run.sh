#!/usr/bin/env bash
# Starts DoiThoai on the embedded default: SQLite in ./data (created and migrated on first start, demo meeting seeded once).
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-tools.sh
exec dotnet run --project src/Meeting.Web -c Release -- --DoiThoai:DataDirectory="$(pwd)/data" "$@"
