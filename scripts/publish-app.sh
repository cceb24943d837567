#!/usr/bin/env bash
# Publishes the app precompiled (ReadyToRun) for this machine's OS and architecture, framework-dependent, into
# src/Meeting.Web/bin/Release/ready-to-run (or the folder given): what run.sh starts. Precompiled code serves its first
# requests without waiting for the JIT: a restart in the middle of a meeting answers its first page in 1.1-1.3 s instead
# of 1.7-2.0 (scripts/restart-time.sh). The QR's busiest minute gains less than the 2-core machine's noise (README,
# "Hiệu năng"). Precompiling needs the runtime and compiler packs from NuGet once; without them (no network in the
# hall) the app is published as plain code instead, which runs the same.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-src/Meeting.Web/bin/Release/ready-to-run}"
if ! dotnet publish src/Meeting.Web -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
    -v quiet -nologo -o "$out"; then
    echo "Không biên dịch sẵn được (thiếu gói từ NuGet?): xuất bản bản thường, chạy như nhau, khởi động chậm hơn chút." >&2
    dotnet publish src/Meeting.Web -c Release -v quiet -nologo -o "$out"
fi
