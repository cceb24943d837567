#!/usr/bin/env bash
# How long a restart takes, as the hall's operator sees it: from `./run.sh` to the first page answered, warm (built
# already, data in place). Prints each run and the app's own account of where the seconds went (its start-up line).
#   scripts/restart-time.sh [--runs N] [--busy]     --busy: two CPU-bound loops beside it (a 2-core machine under load)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
busy=false
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --busy) busy=true; shift ;;
        *) echo "Không hiểu tham số: $1 (dùng --runs N, --busy)" >&2; exit 2 ;;
    esac
done
port=5097
data="$(mktemp -d)"
loops=""
trap 'pkill -f "[M]eeting.Web.dll.*--urls http://127.0.0.1:$port" || true; rm -rf "$data"; [ -z "$loops" ] || kill $loops 2>/dev/null || true' EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
answered() { curl -s -o /dev/null "http://127.0.0.1:$port/Account/Login"; }
start() { ./run.sh --DoiThoai:DataDirectory="$data" --urls "http://127.0.0.1:$port" > "$data/run.log" 2>&1 & }
wait_answered() {
    local began; began=$(now_ms)
    until answered; do
        sleep 0.05
        if [ $(( $(now_ms) - began )) -gt 180000 ]; then echo "Ứng dụng không trả lời sau 180 s:" >&2; tail -20 "$data/run.log" >&2; exit 1; fi
    done
}
stop() { pkill -f "[M]eeting.Web.dll.*--urls http://127.0.0.1:$port" || true; while answered; do sleep 0.1; done; sleep 1; }

# The first start builds if needed and seeds the demo; it is not what is measured.
start; wait_answered; stop
if $busy; then
    for _ in 1 2; do (while :; do :; done) & loops="$loops $!"; done
fi
for i in $(seq "$runs"); do
    began=$(now_ms)
    start
    wait_answered
    elapsed=$(( $(now_ms) - began ))
    echo "lần $i: $((elapsed / 1000)),$(( (elapsed % 1000) / 100 )) s đến trang đầu tiên — $(grep -m1 'Khởi động' "$data/run.log")"
    stop
done
