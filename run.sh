#!/usr/bin/env bash
# Starts DoiThoai on the embedded default (SQLite, created and migrated on first start).
#   ./run.sh          the demo: its own folder ./data-demo, demo meeting and demo accounts (public password) seeded once
#   ./run.sh --real   a real installation in ./data: no demo data; the first administrator's password is written
#                     to ./data/mat-khau-quan-tri.txt (see README, "Cài đặt thật")
#   ./run.sh --real backup [--keep N]   online backup of ./data (the app may keep running) into ./data/sao-luu/
#   ./run.sh --real restore FILE        puts a backup in place of ./data (stop the app first); the old data is kept aside
set -euo pipefail
cd "$(dirname "$0")"
scripts/ensure-tools.sh
demo=true
data="$(pwd)/data-demo"
if [ "${1:-}" = "--real" ]; then
    shift
    demo=false
    data="$(pwd)/data"
fi
case "${1:-}" in
    # The app's own commands: the command word must come first, the data folder is the same as the app's.
    backup|restore) exec dotnet run --project src/Meeting.Web -c Release -- "$@" --DoiThoai:Demo=$demo --DoiThoai:DataDirectory="$data" ;;
esac
exec dotnet run --project src/Meeting.Web -c Release -- --DoiThoai:Demo=$demo --DoiThoai:DataDirectory="$data" "$@"
