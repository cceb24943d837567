#!/usr/bin/env bash
# How long a restart takes, as the hall's operator sees it: from `./run.sh` to the first page answered, warm (built
# already, data in place). Prints each run and the app's own account of where the seconds went (its start-up line).
#   scripts/restart-time.sh [runs] [--busy]     --busy: two CPU-bound loops beside it, a 2-core machine under load
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
busy="${2:-}"
port=5097
data="$(mktemp -d)"
trap 'pkill -f "[M]eeting.Web.dll.*--urls http://127.0.0.1:$port" || true; rm -rf "$data"; [ -z "${loops:-}" ] || kill $loops 2>/dev/null || true' EXIT
answered() { curl -s -o /dev/null "http://127.0.0.1:$port/Account/Login"; }
start() { ./run.sh --DoiThoai:DataDirectory="$data" --urls "http://127.0.0.1:$port" > "$data/run.log" 2>&1 & }
stop() { pkill -f "[M]eeting.Web.dll.*--urls http://127.0.0.1:$port" || true; while answered; do sleep 0.1; done; sleep 1; }

# The first start builds if needed and seeds the demo; it is not what is measured.
start; until answered; do sleep 0.2; done; stop
if [ "$busy" = "--busy" ]; then
    loops=""
    for _ in 1 2; do (while :; do :; done) & loops="$loops $!"; done
fi
for i in $(seq "$runs"); do
    began=$(date +%s.%N)
    start
    until answered; do sleep 0.05; done
    printf 'lần %d: %.1f s đến trang đầu tiên — %s\n' "$i" "$(echo "$(date +%s.%N) - $began" | bc)" "$(grep -m1 'Khởi động' "$data/run.log")"
    stop
done
