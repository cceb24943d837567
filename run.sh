#!/usr/bin/env bash
# Starts DoiThoai on the embedded default (SQLite, created and migrated on first start).
#   ./run.sh          the demo: its own folder ./data-demo, demo meeting and demo accounts (public password) seeded once
#   ./run.sh --real   a real installation in ./data: no demo data; the first administrator's password is written
#                     to ./data/mat-khau-quan-tri.txt (see README, "Cài đặt thật")
#   ./run.sh --real backup [--keep N]   online backup of ./data (the app may keep running) into ./data/sao-luu/
#   ./run.sh --real restore FILE        puts a backup in place of ./data (stop the app first); the old data is kept aside
#   ./run.sh [--real] --build …        builds first even when no source changed (otherwise only when one did)
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

# A restart in the middle of a meeting must be short: build only when the sources differ from those of the last good
# build. (`dotnet run` asks MSBuild every time: seconds on an idle machine, 20-60 s on a busy one, before the app even
# starts.) The sources are fingerprinted by name, size and time, so a file added, removed, renamed or changed in any way
# counts, whatever the folders' times say; `./run.sh --build …` builds regardless.
# Published precompiled (scripts/publish-app.sh): the first requests do not wait for the JIT.
out=src/Meeting.Web/bin/Release/ready-to-run
app="$out/Meeting.Web.dll"
stamp="$out/.run-sh-sources"
sources() {
    find src wwwroot-assets -type f -not -path '*/bin/*' -not -path '*/obj/*' -not -path '*/node_modules/*' \
        -not -path 'src/Meeting.Web/wwwroot/lib/*' -printf '%p %s %T@\n' | sort
    for f in Directory.Build.props Directory.Packages.props Directory.Build.targets global.json nuget.config; do
        [ -f "$f" ] && stat -c '%n %s %Y' "$f"
    done
    return 0
}
fingerprint="$(sources | md5sum | cut -d' ' -f1)"
force=false
if [ "${1:-}" = "--build" ]; then
    shift
    force=true
fi
if $force || [ ! -f "$app" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$fingerprint" ]; then
    scripts/publish-app.sh "$out"
    echo "$fingerprint" > "$stamp"
fi

# Settings the .NET runtime takes only from the environment (the GC's gen0 budget): each one not already set.
while IFS='=' read -r key value || [ -n "$key" ]; do
    value="${value%$'\r'}"
    case "$key" in ''|'#'*) continue ;; esac
    [[ "$key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "runtime.env: bad line '$key'" >&2; exit 1; }
    if [ -z "${!key:-}" ]; then export "$key=$value"; fi
done < "$out/runtime.env"

case "${1:-}" in
    # The app's own commands: the command word must come first, the data folder is the same as the app's.
    backup|restore) exec dotnet "$app" "$@" --DoiThoai:Demo=$demo --DoiThoai:DataDirectory="$data" ;;
esac
exec dotnet "$app" --DoiThoai:Demo=$demo --DoiThoai:DataDirectory="$data" "$@"
