#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests, installing the server with apt when it is missing.
#
#   scripts/ensure_postgres.sh start DIR   → initdb in DIR, start on a free port, print the address
#   scripts/ensure_postgres.sh stop DIR    → stop the server started in DIR
#   scripts/ensure_postgres.sh install     → only make sure the server binaries are there
#
# The server runs as a non-root user (initdb refuses root), listens on 127.0.0.1 only with trust
# authentication, and keeps everything in DIR. The last line printed by "start" is the address,
# e.g. postgresql://storyline@127.0.0.1:54321/postgres
set -euo pipefail

find_bindir() {
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
            return
        fi
    done
    if command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
    fi
}

install_server() {
    if [ -n "$(find_bindir)" ]; then
        return
    fi
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure_postgres: no PostgreSQL server found and cannot apt-get install one (need root and apt)" >&2
        exit 3
    fi
    echo "ensure_postgres: installing the PostgreSQL server with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql postgresql-contrib >&2 || apt-get install -y -qq postgresql >&2
}

server_user() {
    if [ "$(id -u)" != 0 ]; then
        id -un
        return
    fi
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    echo postgres
}

as_user() {
    local user=$1
    shift
    if [ "$(id -un)" = "$user" ]; then
        "$@"
    else
        runuser -u "$user" -- "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
    local dir=$1
    install_server
    local bindir user port
    bindir=$(find_bindir)
    user=$(server_user)
    mkdir -p "$dir"
    chmod 755 "$dir"
    chown "$user" "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        as_user "$user" "$bindir/initdb" -D "$dir/data" -U storyline --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    port=$(free_port)
    as_user "$user" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off" start >/dev/null
    echo "$port" >"$dir/port"
    echo "postgresql://storyline@127.0.0.1:$port/postgres"
}

stop() {
    local dir=$1
    local bindir user
    bindir=$(find_bindir)
    user=$(stat -c %U "$dir/data")
    as_user "$user" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

case "${1:-}" in
    start) start "${2:?give a directory}" ;;
    stop) stop "${2:?give a directory}" ;;
    install) install_server ;;
    *)
        echo "usage: $0 start DIR | stop DIR | install" >&2
        exit 2
        ;;
esac
