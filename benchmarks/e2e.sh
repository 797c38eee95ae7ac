#!/usr/bin/env bash
# End-to-end load test: wrk -> {nothing | nginx | Portico (1 route) | Portico (1,000 routes)} -> nginx backend.
# All traffic stays on 127.0.0.1; every run is bounded in time; every process started here is stopped on exit.
#
#   mvn -q -B -pl benchmarks -am -Pbench -DskipTests package     # builds the Boot bench gateway jar
#   benchmarks/e2e.sh                                             # ~6 minutes with the defaults
#
# Settings (environment):
#   WARMUP=60        seconds of 64-connection load before a gateway JVM is measured
#   PROXY_WARMUP=5   the same for nginx and the direct run
#   DURATION=15      seconds of each measurement (64 connections, then 1 connection)
#   ROUTES=1000      route count of the large-table run (ROUTES-1 decoys + the real route)
#   GATEWAY=boot     boot: the Spring Boot app with the starter (the numbers that count);
#                    netty: the engine on a bare Reactor Netty server (dev.portico.benchmarks.NettyBenchGateway)
#                    bare: a Reactor Netty server + client that only forward (dev.portico.benchmarks.BareForwarder):
#                          the transport's floor, for calibration
#   TARGETS="direct nginx portico-1 portico-N"   which rows to run; add portico-resilient for the upstream
#                    policies on the path (two nodes, round-robin, outlier detection, a closed circuit breaker),
#                    portico-keyauth (one route with key-auth) and portico-jwt (one route with jwt, RS256, cached);
#                    portico-bearer is the plain route sent the jwt target's request (same token, forwarded unread),
#                    which separates what verifying costs from what a 0.5 kB larger request costs
#   LOAD_CPU=0 PROXY_CPU=1   wrk and the backend run on LOAD_CPU, the proxy under test alone on PROXY_CPU
#   JAVA_OPTS="-Xms512m -Xmx512m -Dreactor.netty.ioWorkerCount=1 -Dio.netty.leakDetection.level=disabled"
#   RETRIES=2 QUIET_PCT=5   a measurement during which other processes took more than QUIET_PCT% of either CPU is
#                           repeated up to RETRIES times; the least disturbed attempt is kept (all are saved)
#   RESULTS_DIR=benchmarks/results/<timestamp>   raw wrk output, configs, logs and the summary table
#
# Needs nginx, wrk, taskset (util-linux), curl and Java 17:
#   apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx wrk
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WARMUP="${WARMUP:-60}"
PROXY_WARMUP="${PROXY_WARMUP:-5}"
DURATION="${DURATION:-15}"
ROUTES="${ROUTES:-1000}"
GATEWAY="${GATEWAY:-boot}"
TARGETS="${TARGETS:-direct nginx portico-1 portico-N}"
LOAD_CPU="${LOAD_CPU:-0}"
PROXY_CPU="${PROXY_CPU:-1}"
# One event loop for the one CPU the gateway is pinned to (nginx runs worker_processes 1; Reactor Netty would start
# 4 loops time-sharing that CPU), and Netty's leak detector off (a debugging aid that samples allocations with stack
# traces): the settings a production gateway on one dedicated CPU runs with. See docs/performance.md.
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m -Dreactor.netty.ioWorkerCount=1 -Dio.netty.leakDetection.level=disabled}"
RETRIES="${RETRIES:-2}"
QUIET_PCT="${QUIET_PCT:-5}"
RESULTS_DIR="${RESULTS_DIR:-$HERE/results/$(date +%Y%m%d-%H%M%S)-$GATEWAY}"
REAL_PATH="/api/bench/hello"
AUTH_HEADER=""   # a request header the target needs (key-auth, jwt), sent by wrk and curl alike
BODY="hello from the backend"

die() { echo "e2e: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# ---- prerequisites (nothing is installed here)
missing=()
for tool in nginx wrk taskset curl java openssl; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "e2e: missing: ${missing[*]}" >&2
    echo "  install with: apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx wrk" >&2
    echo "  (taskset is in util-linux, curl in curl, Java 17 in openjdk-17-jdk-headless)" >&2
    exit 2
fi
[[ "$(nproc)" -ge 2 ]] || die "needs 2 CPUs (load generator and proxy on different CPUs); nproc=$(nproc)"
[[ "$LOAD_CPU" != "$PROXY_CPU" ]] || die "LOAD_CPU and PROXY_CPU must differ"
for n in WARMUP PROXY_WARMUP DURATION ROUTES RETRIES QUIET_PCT; do
    [[ "${!n}" =~ ^[0-9]+$ ]] || die "$n must be a whole number"
done
((DURATION >= 1 && DURATION <= 300)) || die "DURATION must be 1..300 s"
((WARMUP <= 600 && PROXY_WARMUP <= 600)) || die "warm-ups are at most 600 s"
((ROUTES >= 2 && ROUTES <= 100000)) || die "ROUTES must be 2..100000"
((RETRIES <= 5)) || die "RETRIES is at most 5"

case "$GATEWAY" in
    boot)
        GATEWAY_JAR="$(ls "$HERE"/target/benchmarks-*-gateway.jar 2>/dev/null | head -1 || true)"
        [[ -n "$GATEWAY_JAR" ]] || die "no Boot gateway jar; build it: mvn -q -B -pl benchmarks -am -Pbench -DskipTests package"
        ;;
    netty|bare)
        GATEWAY_JAR="$HERE/target/benchmarks.jar"
        [[ -f "$GATEWAY_JAR" ]] || die "no $GATEWAY_JAR; build it: mvn -q -B -pl benchmarks -am -Pbench -DskipTests package"
        ;;
    *) die "GATEWAY must be boot, netty or bare" ;;
esac

# ---- process bookkeeping: everything started here is stopped on exit
WORK="$(mktemp -d /tmp/portico-e2e.XXXXXX)"
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop() { # stop one process we started
    local pid="$1" i
    kill "$pid" 2>/dev/null || return 0
    for i in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    local kept=()
    for i in "${PIDS[@]}"; do [[ "$i" == "$pid" ]] || kept+=("$i"); done
    PIDS=("${kept[@]}")
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null && return
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 30000))
        ss -ltnH "sport = :$p" | grep -q . || { echo "$p"; return; }
    done
    die "no free port found"
}

wait_ready() { # url seconds pid
    local url="$1" seconds="$2" pid="$3" i
    local header=()
    [[ -z "${AUTH_HEADER:-}" ]] || header=(-H "$AUTH_HEADER")
    for i in $(seq 1 $((seconds * 10))); do
        kill -0 "$pid" 2>/dev/null || return 1
        curl -fsS -o /dev/null --max-time 1 "${header[@]}" "$url" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# ---- nginx configs
nginx_conf() { # dir port body-or-upstream-port mode
    local dir="$1" port="$2" arg="$3" mode="$4"
    mkdir -p "$dir/tmp"
    {
        cat <<EOF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
EOF
        if [[ "$mode" == backend ]]; then
            cat <<EOF
    server {
        listen 127.0.0.1:$port;
        location / {
            default_type text/plain;
            return 200 "$BODY\n";
        }
    }
}
EOF
        else
            cat <<EOF
    upstream backend {
        server 127.0.0.1:$arg;
        keepalive 64;
        keepalive_requests 1000000;
    }
    server {
        listen 127.0.0.1:$port;
        location / {
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF
        fi
    } >"$dir/nginx.conf"
}

start_nginx() { # name port arg mode cpu -> sets STARTED_PID
    local dir="$WORK/$1"
    nginx_conf "$dir" "$2" "$3" "$4"
    cp "$dir/nginx.conf" "$RESULTS_DIR/$1.nginx.conf"
    taskset -c "$5" nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/stdout.log" 2>&1 &
    STARTED_PID=$!
    PIDS+=("$STARTED_PID")
    wait_ready "http://127.0.0.1:$2$REAL_PATH" 10 "$STARTED_PID" || { cat "$dir/error.log" "$dir/stdout.log" >&2 || true; die "nginx $1 did not start"; }
}

# ---- the routes of the Boot app: ROUTES-1 decoys (the shapes of BenchRoutes.decoyPath) + the real one
routes_yaml() { # file count upstream-url
    local file="$1" count="$2" uri="$3" i path
    {
        echo "portico:"
        echo "  routes:"
        for ((i = 0; i < count - 1; i++)); do
            case $((i % 4)) in
                0) path="/api/d$i/**" ;;
                1) path="/api/d$i/items/{id}" ;;
                2) path="/svc$i/**" ;;
                3) path="/svc$i/orders/{id}" ;;
            esac
            printf '    - id: decoy%d\n      public: true\n      uri: %s\n      match:\n        path: "%s"\n' "$i" "$uri" "$path"
        done
        printf '    - id: real\n      public: true\n      uri: %s\n      match:\n        path: "/api/bench/**"\n' "$uri"
    } >"$file"
}

resilient_yaml() { # file backend-port: one route to a two-node upstream (the same backend by two names) with
    # round-robin, passive health checking (outlier ejection) and a closed circuit breaker on the path
    local file="$1" port="$2"
    cat >"$file" <<YAML
portico:
  upstreams:
    bench:
      nodes:
        - uri: http://127.0.0.1:$port
        - uri: http://localhost:$port
      load-balancer:
        policy: round-robin
      outlier-detection:
        enabled: true
      circuit-breaker:
        enabled: true
  routes:
    - id: real
      public: true
      upstream: bench
      match:
        path: "/api/bench/**"
YAML
}

# ---- authenticated routes: one route with key-auth (a consumer's key, hashed) or jwt (RS256, Boot's decoder on a
# public key file; the token is signed here with openssl and valid for an hour)
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
JWT_HEADER=""
jwt_header() { # -> sets JWT_HEADER (made once: portico-jwt and portico-bearer send the same bytes)
    [[ -z "$JWT_HEADER" ]] || return 0
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt-key.pem" 2>/dev/null
    openssl pkey -in "$WORK/jwt-key.pem" -pubout -out "$WORK/jwt-public.pem"
    local header payload signature
    header="$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)"
    payload="$(printf '{"sub":"bench","scope":"bench","exp":%d}' $(($(date +%s) + 3600)) | b64url)"
    signature="$(printf %s "$header.$payload" | openssl dgst -sha256 -sign "$WORK/jwt-key.pem" | b64url)"
    JWT_HEADER="Authorization: Bearer $header.$payload.$signature"
}
auth_yaml() { # file kind(keyauth|jwt) backend-port -> sets AUTH_HEADER
    local file="$1" kind="$2" port="$3"
    if [[ "$kind" == keyauth ]]; then
        local key="bench-key-$(date +%s)"
        AUTH_HEADER="X-API-Key: $key"
        cat >"$file" <<YAML
portico:
  consumers:
    bench:
      api-keys:
        - hash: sha256:$(printf %s "$key" | sha256sum | cut -d' ' -f1)
  routes:
    - id: real
      uri: http://127.0.0.1:$port
      match:
        path: "/api/bench/**"
      filters:
        - key-auth
YAML
    else
        jwt_header
        AUTH_HEADER="$JWT_HEADER"
        cat >"$file" <<YAML
spring:
  security:
    oauth2:
      resourceserver:
        jwt:
          public-key-location: file:$WORK/jwt-public.pem
portico:
  routes:
    - id: real
      uri: http://127.0.0.1:$port
      match:
        path: "/api/bench/**"
      filters:
        - jwt: bench
YAML
    fi
}

start_gateway() { # name route-count cpu -> sets STARTED_PID, GATEWAY_PORT
    local name="$1" count="$2" cpu="$3"
    GATEWAY_PORT="$(free_port)"
    local upstream="http://127.0.0.1:$BACKEND_PORT"
    if [[ "$GATEWAY" == boot ]]; then
        if [[ "$name" == portico-resilient ]]; then
            resilient_yaml "$WORK/$name.yml" "$BACKEND_PORT"
        elif [[ "$name" == portico-keyauth || "$name" == portico-jwt ]]; then
            auth_yaml "$WORK/$name.yml" "${name#portico-}" "$BACKEND_PORT"
        else
            routes_yaml "$WORK/$name.yml" "$count" "$upstream"
        fi
        cp "$WORK/$name.yml" "$RESULTS_DIR/$name.routes.yml"
        # shellcheck disable=SC2086
        taskset -c "$cpu" java $JAVA_OPTS -jar "$GATEWAY_JAR" --server.port="$GATEWAY_PORT" \
            --server.address=127.0.0.1 --spring.main.banner-mode=off --logging.level.root=WARN \
            --spring.config.additional-location="file:$WORK/$name.yml" >"$RESULTS_DIR/$name.log" 2>&1 &
    elif [[ "$GATEWAY" == netty ]]; then
        # shellcheck disable=SC2086
        taskset -c "$cpu" java $JAVA_OPTS -cp "$GATEWAY_JAR" dev.portico.benchmarks.NettyBenchGateway \
            "$GATEWAY_PORT" "$upstream" $((count - 1)) >"$RESULTS_DIR/$name.log" 2>&1 &
    else
        # shellcheck disable=SC2086
        taskset -c "$cpu" java $JAVA_OPTS -cp "$GATEWAY_JAR" dev.portico.benchmarks.BareForwarder \
            "$GATEWAY_PORT" "$upstream" >"$RESULTS_DIR/$name.log" 2>&1 &
    fi
    STARTED_PID=$!
    PIDS+=("$STARTED_PID")
    local t0=$SECONDS
    wait_ready "http://127.0.0.1:$GATEWAY_PORT$REAL_PATH" 90 "$STARTED_PID" || { tail -50 "$RESULTS_DIR/$name.log" >&2; die "gateway $name did not start"; }
    log "$name up in $((SECONDS - t0)) s on port $GATEWAY_PORT (pid $STARTED_PID)"
}

check_target() { # name base-url [route-count]
    local name="$1" base="$2" count="${3:-}" body code
    local header=()
    [[ -z "$AUTH_HEADER" ]] || header=(-H "$AUTH_HEADER")
    body="$(curl -fsS --max-time 5 "${header[@]}" "$base$REAL_PATH")" || die "$name: GET $REAL_PATH failed"
    [[ "$body" == "$BODY" ]] || die "$name: unexpected body '$body'"
    if [[ -n "$count" ]]; then
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/not-routed/x")"
        # 404 from the gateway, or 401 from Spring Security, which guards what no route takes in the bench app
        [[ "$code" == 404 || "$code" == 401 ]] \
            || die "$name: /not-routed/x answered $code (expected 404 or 401: is there a catch-all route?)"
        if ((count > 1)); then # a decoy deep in the table answers too: the YAML routes were all loaded
            local last=$(((count - 2) / 4 * 4))
            code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/api/d$last/x")"
            [[ "$code" == 200 ]] || die "$name: decoy /api/d$last/x answered $code (expected 200)"
        fi
    fi
}

# ---- wrk runs and parsing
run_wrk() { # out-file conns seconds url [--latency]
    local out="$1" conns="$2" seconds="$3" url="$4"
    shift 4
    local header=()
    [[ -z "$AUTH_HEADER" ]] || header=(-H "$AUTH_HEADER")
    timeout $((seconds + 30)) taskset -c "$LOAD_CPU" wrk -t1 -c"$conns" -d"${seconds}s" "${header[@]}" "$@" "$url" >"$out" 2>&1 \
        || { cat "$out" >&2; die "wrk failed: $out"; }
}

to_us() { # wrk latency value (123.45us, 1.23ms, 1.20s) -> microseconds
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
        if (u == "us") m = 1; else if (u == "ms") m = 1000; else if (u == "s") m = 1000000; else if (u == "m") m = 60000000; else m = 1;
        printf "%.0f", n * m }'
}

parse() { # wrk-output -> "rps p50us p99us errors"
    local f="$1" rps p50 p99 errs
    rps="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$f")"
    p50="$(to_us "$(awk '$1 == "50%" {print $2}' "$f")")"
    p99="$(to_us "$(awk '$1 == "99%" {print $2}' "$f")")"
    errs="$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i} END {print n + 0}' "$f")"
    echo "${rps:-0} ${p50:-0} ${p99:-0} ${errs:-0}"
}

# ---- disturbance: how much of each CPU went to processes other than ours during a measurement
cpu_ticks() { # cpu -> "busy steal irq idle" clock ticks since boot (user + nice + system; steal; irq + softirq; idle + iowait)
    awk -v c="cpu$1" '$1 == c {print $2 + $3 + $4, $9, $7 + $8, $5 + $6}' /proc/stat
}
proc_ticks() { # pids (and their children) -> utime + stime clock ticks
    local t=0 p c
    for p in "$@"; do
        for c in "$p" $(pgrep -P "$p" 2>/dev/null || true); do
            [[ -r "/proc/$c/stat" ]] && t=$((t + $(awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || echo 0)))
        done
    done
    echo "$t"
}
reaped_ticks() { # utime + stime of this script's finished children (wrk among them)
    awk '{print $16 + $17}' "/proc/$$/stat"
}
UNDER_TEST_PID=""
BACKEND_PID=""
sample_start() {
    read -r S_BUSY1 S_STEAL1 S_IRQ1 S_IDLE1 <<<"$(cpu_ticks "$PROXY_CPU")"
    read -r S_BUSY0 S_STEAL0 _ _ <<<"$(cpu_ticks "$LOAD_CPU")"
    S_OWN1="$(proc_ticks $UNDER_TEST_PID)"
    S_OWN0="$(($(proc_ticks "$BACKEND_PID") + $(reaped_ticks)))"
    S_T0="$(date +%s%N)"
}
sample_end() { # -> "proxy-cpu-busy% proxy-cpu-foreign% load-cpu-foreign% steal% proxy-cpu-irq% proxy-cpu-idle% own-cpu-us" over the sample
    local busy1 steal1 irq1 idle1 busy0 steal0 own1 own0 hz ms
    hz="$(getconf CLK_TCK)"
    ms=$((($(date +%s%N) - S_T0) / 1000000))
    read -r busy1 steal1 irq1 idle1 <<<"$(cpu_ticks "$PROXY_CPU")"
    read -r busy0 steal0 _ _ <<<"$(cpu_ticks "$LOAD_CPU")"
    own1="$(proc_ticks $UNDER_TEST_PID)"
    own0="$(($(proc_ticks "$BACKEND_PID") + $(reaped_ticks)))"
    awk -v b1=$((busy1 - S_BUSY1)) -v o1=$((own1 - S_OWN1)) -v b0=$((busy0 - S_BUSY0)) -v o0=$((own0 - S_OWN0)) \
        -v s=$((steal1 - S_STEAL1 + steal0 - S_STEAL0)) -v i=$((irq1 - S_IRQ1)) -v d=$((idle1 - S_IDLE1)) -v hz="$hz" -v ms="$ms" 'BEGIN {
        t = ms / 1000 * hz; f1 = b1 - o1; if (f1 < 0) f1 = 0; f0 = b0 - o0; if (f0 < 0) f0 = 0;
        printf "%.0f %.0f %.0f %.0f %.0f %.0f %.0f", 100 * b1 / t, 100 * f1 / t, 100 * f0 / t, 100 * s / t / 2, 100 * i / t, 100 * d / t, o1 * 1000000 / hz }'
}

declare -A R64 P50_64 P99_64 R1 P50_1 P99_1 ERRS FOREIGN1 FOREIGN0 CPU_US

measure() { # name url warmup-seconds
    local name="$1" url="$2" warm="$3"
    if ((warm > 0)); then
        log "$name: warm-up ${warm} s at 64 connections"
        run_wrk "$RESULTS_DIR/$name.warmup.txt" 64 "$warm" "$url"
    fi
    local a b conns busy foreign1 foreign0 steal irq idle own_us try worst best_worst out
    for conns in 64 1; do
        best_worst=""
        for ((try = 0; try <= RETRIES; try++)); do
            if ((try == 0)); then
                log "$name: measuring ${DURATION} s at $conns connection(s)"
            else
                log "$name: measuring ${DURATION} s at $conns connection(s), attempt $((try + 1))"
            fi
            out="$RESULTS_DIR/$name.c$conns.try$try.txt"
            sample_start
            run_wrk "$out" "$conns" "$DURATION" "$url" --latency
            read -r busy foreign1 foreign0 steal irq idle own_us <<<"$(sample_end)"
            echo "CPU $PROXY_CPU (proxy): busy ${busy}% (other processes ${foreign1}%), irq+softirq ${irq}%, idle ${idle}%; CPU $LOAD_CPU (wrk, backend): other processes ${foreign0}%; steal ${steal}%; load average $(cut -d' ' -f1-3 /proc/loadavg)" \
                | tee -a "$out" >&2
            worst=$((foreign1 > foreign0 ? foreign1 : foreign0))
            if [[ -z "$UNDER_TEST_PID" ]]; then # direct: nothing runs on the proxy CPU, only the load CPU matters
                worst=$foreign0
                foreign1="-"
            fi
            if [[ -z "$best_worst" ]] || ((worst < best_worst)); then # keep the least disturbed attempt
                best_worst=$worst
                cp "$out" "$RESULTS_DIR/$name.c$conns.txt"
                if ((conns == 64)); then # the proxy's own CPU time (user + system) per request served
                    CPU_US[$name]="$(awk -v us="$own_us" -v pid="$UNDER_TEST_PID" '/requests in/ {n = $1}
                        END {if (pid == "" || n == 0) print "-"; else printf "%.1f", us / n}' "$out")"
                fi
                FOREIGN1_NOW=$foreign1
                FOREIGN0_NOW=$foreign0
            fi
            ((worst > QUIET_PCT)) || break
            ((try == RETRIES)) || log "$name: other processes took ${worst}% of a CPU (> ${QUIET_PCT}%): measuring again"
        done
        FOREIGN1[$name]="${FOREIGN1[$name]:+${FOREIGN1[$name]}/}$FOREIGN1_NOW"
        FOREIGN0[$name]="${FOREIGN0[$name]:+${FOREIGN0[$name]}/}$FOREIGN0_NOW"
    done
    read -r R64[$name] P50_64[$name] P99_64[$name] a <<<"$(parse "$RESULTS_DIR/$name.c64.txt")"
    read -r R1[$name] P50_1[$name] P99_1[$name] b <<<"$(parse "$RESULTS_DIR/$name.c1.txt")"
    ERRS[$name]=$((a + b))
    ((ERRS[$name] == 0)) || log "WARNING: $name had ${ERRS[$name]} non-2xx responses or socket errors (see $RESULTS_DIR/$name.*.txt)"
    log "$name: 64 conns ${R64[$name]} req/s p50 ${P50_64[$name]}us p99 ${P99_64[$name]}us; 1 conn ${R1[$name]} req/s p50 ${P50_1[$name]}us p99 ${P99_1[$name]}us"
}

# ---- the run
mkdir -p "$RESULTS_DIR"
{
    echo "date: $(date -Is)"
    echo "host: $(uname -srm), $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "nginx: $(nginx -v 2>&1 | sed 's/^nginx version: //')"
    echo "wrk: $(wrk --version 2>&1 | head -1 | awk '{print $1, $2}')"
    echo "java: $(java -version 2>&1 | head -2 | tail -1)"
    echo "gateway: $GATEWAY ($(basename "$GATEWAY_JAR")) JAVA_OPTS=$JAVA_OPTS"
    echo "settings: WARMUP=$WARMUP PROXY_WARMUP=$PROXY_WARMUP DURATION=$DURATION ROUTES=$ROUTES LOAD_CPU=$LOAD_CPU PROXY_CPU=$PROXY_CPU"
    echo "arrangement: wrk -t1 and the nginx backend on CPU $LOAD_CPU; the proxy under test alone on CPU $PROXY_CPU"
} | tee "$RESULTS_DIR/environment.txt" >&2
load1="$(cut -d' ' -f1 /proc/loadavg)"
if awk -v l="$load1" 'BEGIN {exit !(l >= 1.0)}'; then
    log "WARNING: load average $load1 >= 1.0: other work on this machine will disturb the numbers"
fi

BACKEND_PORT="$(free_port)"
start_nginx backend "$BACKEND_PORT" "" backend "$LOAD_CPU"
BACKEND_PID=$STARTED_PID
check_target direct "http://127.0.0.1:$BACKEND_PORT"
log "backend nginx on 127.0.0.1:$BACKEND_PORT (CPU $LOAD_CPU)"

ROWS=()
for target in $TARGETS; do
    case "$target" in
        direct)
            UNDER_TEST_PID=""
            measure direct "http://127.0.0.1:$BACKEND_PORT$REAL_PATH" "$PROXY_WARMUP"
            ROWS+=(direct)
            ;;
        nginx)
            port="$(free_port)"
            start_nginx proxy "$port" "$BACKEND_PORT" proxy "$PROXY_CPU"
            pid=$STARTED_PID
            UNDER_TEST_PID=$pid
            check_target nginx "http://127.0.0.1:$port"
            measure nginx "http://127.0.0.1:$port$REAL_PATH" "$PROXY_WARMUP"
            stop "$pid"
            ROWS+=(nginx)
            ;;
        portico-1 | portico-N)
            count=1
            [[ "$target" == portico-N ]] && count="$ROUTES"
            name="portico-$count-route"
            ((count == 1)) || name="portico-$count-routes"
            start_gateway "$name" "$count" "$PROXY_CPU"
            pid=$STARTED_PID
            UNDER_TEST_PID=$pid
            check_target "$name" "http://127.0.0.1:$GATEWAY_PORT" "$count"
            measure "$name" "http://127.0.0.1:$GATEWAY_PORT$REAL_PATH" "$WARMUP"
            stop "$pid"
            ROWS+=("$name")
            ;;
        portico-resilient)
            [[ "$GATEWAY" == boot ]] || die "portico-resilient needs GATEWAY=boot"
            name=portico-resilient
            start_gateway "$name" 1 "$PROXY_CPU"
            pid=$STARTED_PID
            UNDER_TEST_PID=$pid
            check_target "$name" "http://127.0.0.1:$GATEWAY_PORT" 1
            measure "$name" "http://127.0.0.1:$GATEWAY_PORT$REAL_PATH" "$WARMUP"
            stop "$pid"
            ROWS+=("$name")
            ;;
        portico-bearer) # the plain route, sent the jwt target's very request (it forwards the token unread)
            jwt_header
            AUTH_HEADER="$JWT_HEADER"
            name=portico-bearer
            start_gateway "$name" 1 "$PROXY_CPU"
            pid=$STARTED_PID
            UNDER_TEST_PID=$pid
            check_target "$name" "http://127.0.0.1:$GATEWAY_PORT"
            measure "$name" "http://127.0.0.1:$GATEWAY_PORT$REAL_PATH" "$WARMUP"
            stop "$pid"
            AUTH_HEADER=""
            ROWS+=("$name")
            ;;
        portico-keyauth | portico-jwt)
            [[ "$GATEWAY" == boot ]] || die "$target needs GATEWAY=boot"
            name=$target
            start_gateway "$name" 1 "$PROXY_CPU"
            pid=$STARTED_PID
            UNDER_TEST_PID=$pid
            check_target "$name" "http://127.0.0.1:$GATEWAY_PORT"
            measure "$name" "http://127.0.0.1:$GATEWAY_PORT$REAL_PATH" "$WARMUP"
            stop "$pid"
            AUTH_HEADER=""
            ROWS+=("$name")
            ;;
        *) die "unknown target '$target' (expected direct, nginx, portico-1, portico-N, portico-resilient, portico-keyauth, portico-jwt, portico-bearer)" ;;
    esac
done

# ---- summary
{
    echo
    echo "Results ($GATEWAY gateway; wrk -t1; ${DURATION} s per measurement; JVM warm-up ${WARMUP} s; latencies in microseconds)"
    echo "other% P / other% L: share of CPU $PROXY_CPU (the proxy's) / CPU $LOAD_CPU (wrk's and the backend's) used by processes"
    echo "other than ours during the 64c/1c measurements; above a few % the run was disturbed"
    echo
    printf '| %-22s | %12s | %9s | %8s | %8s | %11s | %8s | %8s | %6s | %9s | %9s |\n' target "64c req/s" "CPU us/req" "64c p50" "64c p99" "1c req/s" "1c p50" "1c p99" errors "other% P" "other% L"
    printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..24})" "$(printf -- '-%.0s' {1..14})" "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..13})" "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..10})" "$(printf -- '-%.0s' {1..8})" "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..11})"
    for row in "${ROWS[@]}"; do
        printf '| %-22s | %12s | %9s | %8s | %8s | %11s | %8s | %8s | %6s | %9s | %9s |\n' "$row" "${R64[$row]}" "${CPU_US[$row]:--}" "${P50_64[$row]}" "${P99_64[$row]}" "${R1[$row]}" "${P50_1[$row]}" "${P99_1[$row]}" "${ERRS[$row]}" "${FOREIGN1[$row]}" "${FOREIGN0[$row]}"
    done
    echo
    one="portico-1-route"
    many="portico-$ROUTES-routes"
    if [[ -n "${R64[nginx]:-}" ]]; then
        for row in "$one" "$many"; do
            [[ -n "${R64[$row]:-}" ]] || continue
            awk -v p="${R64[$row]}" -v n="${R64[nginx]}" -v r="$row" 'BEGIN {
                x = p / n; printf "%s / nginx req/s at 64 conns: %.2fx (bar >= 0.30x: %s)\n", r, x, (x >= 0.30 ? "PASS" : "FAIL") }'
        done
    fi
    if [[ -n "${R64[$one]:-}" && -n "${R64[$many]:-}" ]]; then
        awk -v a="${R64[$one]}" -v b="${R64[$many]}" -v n="$ROUTES" 'BEGIN {
            d = (b - a) * 100 / a; printf "%d routes vs 1 route, req/s at 64 conns: %+.1f%% (bar at most 5%% slower: %s)\n", n, d, (d >= -5 ? "PASS" : "FAIL") }'
    fi
    if [[ -n "${R64[$one]:-}" && -n "${R64[portico-resilient]:-}" ]]; then
        awk -v a="${R64[$one]}" -v b="${R64[portico-resilient]}" 'BEGIN {
            d = (b - a) * 100 / a; printf "LB + passive health + closed breaker vs plain route, req/s at 64 conns: %+.1f%% (bar within 10%%: %s)\n", d, (d >= -10 ? "PASS" : "FAIL") }'
    fi
    for auth in portico-keyauth portico-jwt; do
        if [[ -n "${R64[$one]:-}" && -n "${R64[$auth]:-}" ]]; then
            awk -v a="${R64[$one]}" -v b="${R64[$auth]}" -v r="$auth" 'BEGIN {
                d = (b - a) * 100 / a; printf "%s vs plain route, req/s at 64 conns: %+.1f%% (bar within 5%%: %s)\n", r, d, (d >= -5 ? "PASS" : "FAIL") }'
        fi
    done
    if [[ -n "${R64[portico-bearer]:-}" && -n "${R64[portico-jwt]:-}" ]]; then
        awk -v a="${R64[portico-bearer]}" -v b="${R64[portico-jwt]}" -v ca="${CPU_US[portico-bearer]}" -v cb="${CPU_US[portico-jwt]}" 'BEGIN {
            d = (b - a) * 100 / a; printf "portico-jwt vs the plain route sent the same token, req/s at 64 conns: %+.1f%%; CPU per request %+.1f us\n", d, cb - ca }'
    fi
    if [[ -n "${P50_1[direct]:-}" ]]; then
        nginx_added=""
        if [[ -n "${P50_1[nginx]:-}" ]]; then
            nginx_added=$((P50_1[nginx] - P50_1[direct]))
            echo "added p50 latency at 1 conn over direct: nginx ${nginx_added} us"
        fi
        for row in "$one" "$many"; do
            [[ -n "${P50_1[$row]:-}" ]] || continue
            added=$((P50_1[$row] - P50_1[direct]))
            if [[ -n "$nginx_added" ]]; then
                verdict=FAIL
                ((added <= nginx_added + 60)) && verdict=PASS
                echo "added p50 latency at 1 conn over direct: $row ${added} us (bar <= nginx + 60 = $((nginx_added + 60)) us: $verdict)"
            else
                echo "added p50 latency at 1 conn over direct: $row ${added} us"
            fi
        done
    fi
    for row in "${ROWS[@]}"; do
        for v in ${FOREIGN1[$row]//\// } ${FOREIGN0[$row]//\// }; do
            if [[ "$v" != "-" ]] && ((v > QUIET_PCT)); then
                echo "WARNING: $row was measured while other processes took up to ${v}% of a CPU: its numbers are disturbed"
                break
            fi
        done
    done
    echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "raw output: $RESULTS_DIR"
} | tee "$RESULTS_DIR/summary.md"
