#!/usr/bin/env bash
# Team mode in one command: a throw-away PostgreSQL database, one `flowchat --headless` that
# receives and sends for the team (sandbox provider: the built-in emulator answers with delivered
# and read), and two consoles as two agents, Carla Dias and Ben Carter, each with its own settings,
# secrets and caches. Ctrl+C, closing both consoles, or anything failing stops all of it and
# removes the database and the temporary folders.
#
# Usage: scripts/team-demo.sh
#   PGHOST / PGPORT (with PGUSER, PGPASSWORD, ...) naming a PostgreSQL that answers: a fresh
#       database is made there (and dropped afterwards) instead of starting a throw-away cluster.
#   FLOWCHAT_BIN=path/to/flowchat: run that build instead of building the `flowchat` target.
#   FLOWCHAT_TEAM_DEMO_SMOKE=1: a check, not a demo (the `team` CTest test): the consoles run
#       offscreen, and it stops with 0 once the receiver and both consoles have said they are ready.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${FLOWCHAT_BUILD_DIR:-$ROOT/build}"
SELF="$ROOT/scripts/team-demo.sh"
SMOKE="${FLOWCHAT_TEAM_DEMO_SMOKE:-}"
READY_TIMEOUT=60
[[ -n "$SMOKE" ]] && READY_TIMEOUT=30

say() { printf 'team-demo: %s\n' "$*"; }

# A PostgreSQL named by the caller's PG* variables that answers (scripts/test.sh's pg_virtualenv,
# or a server of one's own).
given_server_answers() {
    [[ -n "${PGHOST:-}${PGPORT:-}" ]] && command -v pg_isready >/dev/null && pg_isready -q -t 5
}

# A loopback port nobody answers on, for FLOWCHAT_LISTEN.
free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# ---------------------------------------------------------------------------------------------
# Inside: PostgreSQL answers through the PG* variables. Make a database, start the receiver and
# the consoles, and clean up whatever way this ends.
run_demo() {
    local bin="$FLOWCHAT_BIN" inside="${FLOWCHAT_TEAM_DEMO_INSIDE:-}"
    # The children's configuration comes from the env file alone: FLOWCHAT_*, WHATSAPP_* and
    # TWILIO_* in this environment would override it.
    local var
    for var in $(compgen -e); do
        case "$var" in FLOWCHAT_* | WHATSAPP_* | TWILIO_*) unset "$var" ;; esac
    done
    [[ -n "$inside" ]] && touch "$inside/started"

    WORK="$(mktemp -d -t flowchat-team-demo.XXXXXX)"
    DATABASE="flowchat_demo_$$_$RANDOM"
    DATABASE_MADE=""
    PIDS=()
    NAMES=()
    trap 'stop_all 130' INT
    trap 'stop_all 143' TERM HUP
    trap 'stop_all $?' EXIT

    if ! createdb "$DATABASE" 2>"$WORK/createdb.log"; then
        say "could not create a database on ${PGHOST:-localhost}:${PGPORT:-5432} as ${PGUSER:-$(id -un)}:"
        sed 's/^/    /' "$WORK/createdb.log"
        exit 1
    fi
    DATABASE_MADE=1

    local port
    port="$(free_port)" || {
        say "found no free local port for the receiver"
        exit 1
    }
    LISTEN="127.0.0.1:$port"
    # One env file for all three: the same database and the same receiver address, so a console's
    # "Have a customer write to you" posts its webhook to the receiver.
    cat >"$WORK/team.env" <<EOF
WHATSAPP_PROVIDER=sandbox
FLOWCHAT_DATABASE=postgresql:///$DATABASE
FLOWCHAT_LISTEN=$LISTEN
EOF

    say "database $DATABASE made; starting the receiver (flowchat --headless on $LISTEN)"
    start_process receiver "" "$bin" --headless --env-file "$WORK/team.env"
    if ! wait_for_line receiver "^flowchat: ready"; then
        exit 1
    fi
    say "receiver ready; starting two consoles, Carla Dias and Ben Carter"
    # Side by side on an X display (Qt takes -geometry out there; offscreen it would not).
    local left=() right=()
    [[ -z "$SMOKE" ]] && left=(-geometry 790x860+0+0) right=(-geometry 790x860+800+0)
    start_process carla "Carla Dias" "$bin" --env-file "$WORK/team.env" "${left[@]}"
    start_process ben "Ben Carter" "$bin" --env-file "$WORK/team.env" "${right[@]}"
    wait_for_line carla "flowchat: console ready" || exit 1
    wait_for_line ben "flowchat: console ready" || exit 1

    if [[ -n "$SMOKE" ]]; then
        say "the receiver and both consoles are ready"
        STOP_QUIETLY=1
        exit 0
    fi
    cat <<EOF

FlowChat team mode is running:
  - PostgreSQL database "$DATABASE" on ${PGHOST:-localhost}:${PGPORT:-5432}$([[ -n "$inside" ]] && printf ' (a throw-away cluster)')
  - one receiver, flowchat --headless on http://$LISTEN (pid ${PIDS[0]}): it stores webhooks and,
    holding the outbox lock, sends for the team to the sandbox emulator, which answers with
    delivered and read
  - two consoles: Carla Dias (pid ${PIDS[1]}, left) and Ben Carter (pid ${PIDS[2]}, right)

Try it: "Have a customer write to you" in either console; open the conversation in both; type in
one and watch the other's thread header; send from both and see whose name is on each bubble.

To stop: press Ctrl+C here, or close both console windows. Everything above (processes,
database, temporary folders in $WORK) is removed.
Logs meanwhile: $WORK/{receiver,carla,ben}/log
EOF
    while :; do
        if ! alive 0; then
            say "the receiver stopped by itself; its last lines:"
            tail -n 20 "$WORK/receiver/log" | sed 's/^/    /'
            exit 1
        fi
        if ! alive 1 && ! alive 2; then
            say "both consoles are closed"
            STOP_QUIETLY=1
            exit 0
        fi
        sleep 1
    done
}

# start_process NAME AGENT COMMAND...: runs COMMAND in the background with a home, settings, data
# and runtime folder of its own (QSettings, secrets, media cache), logging to $WORK/NAME/log.
start_process() {
    local name="$1" agent="$2"
    shift 2
    local home="$WORK/$name"
    mkdir -p "$home/config" "$home/data" "$home/cache" "$home/runtime"
    chmod 700 "$home/runtime"
    (
        export HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data"
        export XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/runtime"
        # No desktop keychain: the user's own FlowChat secrets stay out of it, and each console
        # keeps its secrets in its private file.
        export DBUS_SESSION_BUS_ADDRESS="unix:path=$home/runtime/no-session-bus"
        [[ -n "$agent" ]] && export FLOWCHAT_AGENT="$agent"
        [[ -n "$SMOKE" && "$name" != receiver ]] && export QT_QPA_PLATFORM=offscreen
        exec "$@"
    ) >"$home/log" 2>&1 </dev/null &
    PIDS+=("$!")
    NAMES+=("$name")
}

alive() {
    kill -0 "${PIDS[$1]}" 2>/dev/null
}

# wait_for_line NAME PATTERN: until NAME's log has a line matching PATTERN; fails (with the log's
# last lines) when NAME exits first or READY_TIMEOUT passes.
wait_for_line() {
    local name="$1" pattern="$2" index i
    for i in "${!NAMES[@]}"; do
        [[ "${NAMES[$i]}" == "$name" ]] && index="$i"
    done
    local deadline=$((SECONDS + READY_TIMEOUT))
    while ! grep -q -- "$pattern" "$WORK/$name/log"; do
        if ! alive "$index"; then
            say "$name exited before it was ready; its last lines:"
            tail -n 20 "$WORK/$name/log" | sed 's/^/    /'
            return 1
        fi
        if ((SECONDS >= deadline)); then
            say "$name was not ready after ${READY_TIMEOUT} s; its last lines:"
            tail -n 20 "$WORK/$name/log" | sed 's/^/    /'
            return 1
        fi
        sleep 0.2
    done
}

# Consoles first, then the receiver (it lets its in-flight sends finish), then the database and
# the folders. Runs once, from whichever trap fires first.
# shellcheck disable=SC2317 # called from the traps
stop_all() {
    local code="$1" i
    trap - INT TERM HUP EXIT
    [[ -z "${STOP_QUIETLY:-}" ]] && say "stopping (exit $code)"
    for i in $(seq $((${#PIDS[@]} - 1)) -1 0); do
        kill -TERM "${PIDS[$i]}" 2>/dev/null || true
    done
    local deadline=$((SECONDS + 15))
    for i in "${!PIDS[@]}"; do
        while alive "$i" && ((SECONDS < deadline)); do
            sleep 0.2
        done
        if alive "$i"; then
            say "${NAMES[$i]} did not stop within 15 s; killing it"
            kill -KILL "${PIDS[$i]}" 2>/dev/null || true
        fi
        wait "${PIDS[$i]}" 2>/dev/null || true
    done
    if [[ -n "${DATABASE_MADE:-}" ]]; then
        dropdb --if-exists --force "$DATABASE" 2>/dev/null || say "could not drop the database $DATABASE"
    fi
    rm -rf "$WORK"
    [[ -z "${STOP_QUIETLY:-}" ]] && say "stopped: consoles, receiver and database are gone"
    # Ctrl+C is how a demo ends: not a failure (pg_virtualenv would print its server log).
    ((code == 130 || code == 143)) && code=0
    exit "$code"
}

# ---------------------------------------------------------------------------------------------
# Outside: build, find or start PostgreSQL, then run the demo.
if [[ -n "${FLOWCHAT_TEAM_DEMO_INSIDE:-}" ]]; then
    run_demo
fi

if [[ -z "${FLOWCHAT_BIN:-}" ]]; then
    "$ROOT/scripts/setup.sh" flowchat
    export FLOWCHAT_BIN="$BUILD_DIR/bin/flowchat"
fi
[[ -x "$FLOWCHAT_BIN" ]] || {
    say "no flowchat at $FLOWCHAT_BIN"
    exit 1
}

if given_server_answers; then
    run_demo
fi
[[ -n "${PGHOST:-}${PGPORT:-}" ]] \
    && say "PostgreSQL at ${PGHOST:-localhost}:${PGPORT:-5432} does not answer; starting a throw-away one instead"

# pg_virtualenv (postgresql-common) and a server (postgresql-15), installed the way setup.sh does
# (a check never installs: it is skipped, unless scripts/test.sh requires PostgreSQL).
if ! command -v pg_virtualenv >/dev/null || ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
    if [[ -n "$SMOKE" ]]; then
        say "no PostgreSQL given (PGHOST/PGPORT) and no pg_virtualenv with a server installed"
        [[ -n "${FLOWCHAT_REQUIRE_POSTGRES:-}" ]] && exit 1
        exit 77
    fi
    say "installing postgresql-common postgresql-15"
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        -o DPkg::Lock::Timeout=600 postgresql-common postgresql-15
fi

# -t: a cluster in a temporary folder, as root too. Without it, root's pg_virtualenv uses the
# fixed cluster 15/regress and refuses to run while someone else's exists.
STATE="$(mktemp -d -t flowchat-team-demo-state.XXXXXX)"
trap 'rm -rf "$STATE"' EXIT
# Ctrl+C reaches the whole group; pg_virtualenv removes its cluster once the demo inside has
# stopped, and this script ends with it.
trap ':' INT
status=0
FLOWCHAT_TEAM_DEMO_INSIDE="$STATE" pg_virtualenv -t bash "$SELF" || status=$?
if [[ ! -e "$STATE/started" ]]; then
    say "pg_virtualenv could not start a throw-away PostgreSQL (exit $status)."
    if [[ $(id -u) -eq 0 ]] && compgen -G "/etc/postgresql/*/regress" >/dev/null; then
        say "A cluster named regress exists ($(compgen -G '/etc/postgresql/*/regress' | tr '\n' ' ')): another"
        say "pg_virtualenv run is using it. Run this as the postgres user, which gets a private cluster:"
        say "    runuser -u postgres -- env FLOWCHAT_BIN=$FLOWCHAT_BIN $SELF"
    else
        say "Or point it at a running PostgreSQL: PGHOST=... PGPORT=... PGUSER=... $SELF"
    fi
fi
exit "$status"
