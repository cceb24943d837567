#!/usr/bin/env bash
# The servers the multi-node tests run against (issue "Beyond one machine"): Debian's postgresql and redis-server,
# installed and started when missing, with a PostgreSQL role for the tests. Prints `export NAME=value` lines for test.sh to eval; prints nothing
# for a server it cannot start, and those tests then say skipped.
set -uo pipefail
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if [ -z "${DOITHOAI_TEST_POSTGRES:-}" ]; then
    if ! command -v pg_lsclusters >/dev/null 2>&1; then
        echo "Cài đặt PostgreSQL cho các bài kiểm tra nhiều máy chủ…" >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null 2>&1 \
            || { $sudo apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null 2>&1; }
    fi
    cluster=$(pg_lsclusters -h 2>/dev/null | head -1)
    if [ -n "$cluster" ]; then
        read -r version name port status _ <<<"$cluster"
        [ "$status" = "online" ] || $sudo pg_ctlcluster "$version" "$name" start >&2
        as_postgres psql -q -p "$port" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'doithoai_test') THEN CREATE ROLE doithoai_test LOGIN CREATEDB PASSWORD 'doithoai_test'; END IF; END \$\$;" >&2 \
            && echo "export DOITHOAI_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=doithoai_test;Password=doithoai_test'"
    else
        echo "Không khởi động được PostgreSQL: các bài kiểm tra PostgreSQL sẽ bị bỏ qua (skipped)." >&2
    fi
fi

if [ -z "${DOITHOAI_TEST_REDIS:-}" ]; then
    if ! command -v redis-server >/dev/null 2>&1; then
        echo "Cài đặt Redis cho các bài kiểm tra nhiều máy chủ…" >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null 2>&1 \
            || { $sudo apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null 2>&1; }
    fi
    if command -v redis-server >/dev/null 2>&1; then
        # A throwaway server for the tests: loopback only, nothing written to disk.
        redis-cli -p 6390 ping >/dev/null 2>&1 \
            || redis-server --port 6390 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes >/dev/null 2>&1
        for _ in 1 2 3 4 5 6 7 8 9 10; do redis-cli -p 6390 ping >/dev/null 2>&1 && break; sleep 0.3; done
        redis-cli -p 6390 ping >/dev/null 2>&1 && echo "export DOITHOAI_TEST_REDIS='127.0.0.1:6390'"
    else
        echo "Không khởi động được Redis: các bài kiểm tra hai máy chủ sẽ bị bỏ qua (skipped)." >&2
    fi
fi
