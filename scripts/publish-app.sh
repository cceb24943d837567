#!/usr/bin/env bash
# Publishes the app precompiled (ReadyToRun) for this machine's processor, framework-dependent, into
# src/Meeting.Web/bin/Release/ready-to-run (or the folder given): what run.sh starts and the load tool measures.
# Precompiled code serves the first requests without waiting for the JIT: the moment the QR goes up is also the first
# time the phones' path runs, and on two cores the JIT competed with it (2000x10: p95 7.8-8.7 -> 4.5-6.2 ms, README).
# It also shortens a restart in the middle of a meeting.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-src/Meeting.Web/bin/Release/ready-to-run}"
dotnet publish src/Meeting.Web -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
    -v quiet -nologo -o "$out"
