#!/usr/bin/env bash
# Starts DoiThoai on the embedded default (SQLite, created and migrated on first start).
#   ./run.sh          the demo: its own folder ./data-demo, demo meeting and demo accounts (public password) seeded once
#   ./run.sh --real   a real installation in ./data: no demo data; the first administrator's password is written
#                     to ./data/mat-khau-quan-tri.txt (see README, "Cài đặt thật")
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-tools.sh
if [ "${1:-}" = "--real" ]; then
    shift
    exec dotnet run --project src/Meeting.Web -c Release -- --DoiThoai:Demo=false --DoiThoai:DataDirectory="$(pwd)/data" "$@"
fi
exec dotnet run --project src/Meeting.Web -c Release -- --DoiThoai:Demo=true --DoiThoai:DataDirectory="$(pwd)/data-demo" "$@"
