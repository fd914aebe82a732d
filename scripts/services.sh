#!/usr/bin/env bash
# Starts and stops the real services Freightline's tests talk to (DESIGN §6).
#
#   scripts/services.sh start git    serve bare repositories over smart HTTP with basic auth
#   scripts/services.sh stop git     stop what `start git` started
#   scripts/services.sh start ssh    serve bare repositories over SSH with public-key auth
#   scripts/services.sh stop ssh     stop what `start ssh` started
#   scripts/services.sh status       say what is running
#   scripts/services.sh check git    exit 0 if everything `start git` needs is installed, else list what is missing
#   scripts/services.sh check ssh    the same for `start ssh`
#   scripts/services.sh start helm   serve a Helm chart repository (static index.yaml + charts) over HTTP
#   scripts/services.sh stop helm    stop what `start helm` started
#   scripts/services.sh check helm   the same for `start helm`
#   scripts/services.sh start registry  run an OCI registry (docker-registry), anonymous and with basic auth
#   scripts/services.sh stop registry   stop what `start registry` started
#   scripts/services.sh check registry  the same for `start registry`
#   scripts/services.sh start prometheus  run Prometheus scraping itself and a static exporter every second
#   scripts/services.sh stop prometheus   stop what `start prometheus` started
#   scripts/services.sh check prometheus  the same for `start prometheus`
#
# Git: `git http-backend` runs as a CGI behind nginx (via fcgiwrap) on a free
# loopback port (127.0.0.1 only). nginx runs with its own config, pid file, logs
# and temp folders, as whoever runs this script (root or a normal user); no
# system service is touched. Everything lives under the runtime folder
# $FREIGHTLINE_SERVICES_DIR (default: .services/ in the project, which gets its
# own `.gitignore` so nothing there is ever committed):
#
#   git/nginx.conf git/nginx.pid git/fcgiwrap.pid git/fcgiwrap.sock
#   git/logs/  git/tmp/  git/htpasswd  git/repos/  git/env
#
# `start git` prints shell `export` lines (eval them):
#   FREIGHTLINE_GIT_URL=http://127.0.0.1:PORT/git   (a repo NAME.git in repos/ is at $URL/NAME.git)
#   FREIGHTLINE_GIT_REPOS=<folder of bare repositories>
#   FREIGHTLINE_GIT_USERNAME / FREIGHTLINE_GIT_PASSWORD (generated per run)
# Push is enabled: nginx passes the authenticated user as REMOTE_USER, which makes
# http-backend allow receive-pack; repositories may also set `http.receivepack true`.
# If the server is already running, `start git` prints the same lines again.
#
# Needs the Debian packages nginx-light (or nginx), fcgiwrap, git, and openssl or
# apache2-utils (scripts/install-deps.sh installs them).
#
# SSH: OpenSSH's sshd runs in the foreground (-D, logging to a file), detached,
# with its own config, host key and pid file, listening on a free loopback port
# (127.0.0.1 only), as whoever runs this script: as root it lets root log in
# with a key; as a normal user it can only let that same user log in. Password
# and keyboard-interactive logins and PAM are off. No system file is touched,
# except that a root sshd needs its privilege-separation folder /run/sshd, which
# is created when missing. Files, under the same runtime folder:
#
#   ssh/sshd_config ssh/sshd.pid ssh/host_ed25519_key[.pub] ssh/known_hosts
#   ssh/client_key[.pub] ssh/wrong_key[.pub] ssh/authorized_keys ssh/logs/ ssh/repos/ ssh/env
#
# Each start generates a new client key pair (RSA, PEM, no passphrase, so
# libssh2 can read it from memory) and authorizes only it, plus a second key of
# the same kind that is never authorized, for tests of a refused login.
# `start ssh` prints shell `export` lines (eval them):
#   FREIGHTLINE_SSH_URL=ssh://USER@127.0.0.1:PORT   (ssh URLs take absolute paths: a repo
#                                   NAME.git in repos/ is at $FREIGHTLINE_SSH_URL$FREIGHTLINE_SSH_REPOS/NAME.git)
#   FREIGHTLINE_SSH_REPOS=<absolute folder of bare repositories>
#   FREIGHTLINE_SSH_USER=<the user who may log in: whoever ran this script>
#   FREIGHTLINE_SSH_KEY=<authorized private key>  FREIGHTLINE_SSH_WRONG_KEY=<unauthorized private key>
#   FREIGHTLINE_SSH_KNOWN_HOSTS=<known_hosts file naming the server's host key>
# For the git CLI: GIT_SSH_COMMAND="ssh -i $FREIGHTLINE_SSH_KEY -o IdentitiesOnly=yes
#   -o UserKnownHostsFile=$FREIGHTLINE_SSH_KNOWN_HOSTS". If sshd is already running,
# `start ssh` prints the same lines again.
#
# Needs the Debian packages openssh-server (sshd), openssh-client (ssh-keygen,
# ssh) and git.
#
# Helm: nginx serves a folder of static files (a classic Helm chart repository:
# index.yaml and chart archives) on a free loopback port (127.0.0.1 only), with
# ETag and Last-Modified on every file, so conditional requests get 304. Files
# under private/ need basic auth. Files, under the same runtime folder:
#
#   helm/nginx.conf helm/nginx.pid helm/logs/ helm/tmp/ helm/htpasswd helm/repo/ helm/env
#
# helm/logs/access.log has one line per request: STATUS METHOD URI BODY_BYTES USER.
# `start helm` prints shell `export` lines (eval them):
#   FREIGHTLINE_HELM_URL=http://127.0.0.1:PORT          (public: a file F in repo/ is at $URL/F)
#   FREIGHTLINE_HELM_PRIVATE_URL=http://127.0.0.1:PORT/private  (basic auth: files in repo/private/)
#   FREIGHTLINE_HELM_DIR=<the served folder, repo/>
#   FREIGHTLINE_HELM_USERNAME / FREIGHTLINE_HELM_PASSWORD (generated per run)
# If the server is already running, `start helm` prints the same lines again.
# Needs nginx and openssl or apache2-utils, as git does (helm itself is not needed).
set -euo pipefail

project_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
services_dir="${FREIGHTLINE_SERVICES_DIR:-$project_root/.services}"
git_dir="$services_dir/git"
ssh_dir="$services_dir/ssh"
helm_dir="$services_dir/helm"

usage() {
  echo "usage: $0 start git|ssh|helm|registry|prometheus | stop git|ssh|helm|registry|prometheus | status | check git|ssh|helm|registry|prometheus" >&2
  exit 2
}

die() {
  echo "services.sh: $*" >&2
  exit 1
}

find_http_backend() {
  local exec_path
  exec_path="$(git --exec-path 2>/dev/null || true)"
  for candidate in "$exec_path/git-http-backend" /usr/lib/git-core/git-http-backend /usr/libexec/git-core/git-http-backend; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

find_nginx() {
  command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || return 1
}

find_fcgiwrap() {
  command -v fcgiwrap 2>/dev/null || { [ -x /usr/sbin/fcgiwrap ] && echo /usr/sbin/fcgiwrap; } || return 1
}

check_git() {
  local missing=()
  command -v git >/dev/null 2>&1 || missing+=("git")
  find_http_backend >/dev/null || missing+=("git-http-backend (package git)")
  find_nginx >/dev/null || missing+=("nginx (package nginx-light or nginx)")
  find_fcgiwrap >/dev/null || missing+=("fcgiwrap (package fcgiwrap)")
  if ! command -v openssl >/dev/null 2>&1 && ! command -v htpasswd >/dev/null 2>&1; then
    missing+=("openssl or htpasswd (package openssl or apache2-utils)")
  fi
  if ((${#missing[@]})); then
    echo "missing: ${missing[*]} (run scripts/install-deps.sh)" >&2
    return 1
  fi
}

# A process that exists and is not a zombie (a daemon whose parent is an init
# that does not reap stays a zombie after it exits).
process_alive() {
  local pid="$1" state
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(ps -o stat= -p "$pid" 2>/dev/null || true)"
  [ -n "$state" ] && [ "${state#Z}" = "$state" ]
}

pid_alive() {
  local file="$1"
  [ -f "$file" ] || return 1
  local pid
  pid="$(cat "$file" 2>/dev/null || true)"
  [ -n "$pid" ] && process_alive "$pid"
}

git_running() {
  pid_alive "$git_dir/nginx.pid" && pid_alive "$git_dir/fcgiwrap.pid" && [ -f "$git_dir/env" ]
}

random_token() {
  if command -v openssl >/dev/null 2>&1; then
    openssl rand -hex 16
  else
    head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n'
  fi
}

write_htpasswd() {
  local user="$1" password="$2" hash
  if command -v openssl >/dev/null 2>&1; then
    hash="$(openssl passwd -apr1 "$password")"
    printf '%s:%s\n' "$user" "$hash" >"$git_dir/htpasswd"
  else
    htpasswd -bcm "$git_dir/htpasswd" "$user" "$password" 2>/dev/null
  fi
  chmod 600 "$git_dir/htpasswd"
}

# Closes every descriptor above 2 in the current (sub)shell. Daemons must not
# keep the caller's descriptors: a test runner that watches a pipe or socket
# for its child's exit (Foundation's Process does) would otherwise wait for
# nginx and fcgiwrap to exit too.
close_inherited_fds() {
  local fd fds=()
  if [ -d "/proc/$BASHPID/fd" ]; then
    for fd in /proc/"$BASHPID"/fd/*; do fds+=("${fd##*/}"); done
  else
    fds=($(seq 3 255))
  fi
  for fd in "${fds[@]}"; do
    if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

# Runs a command with no blocked signals. A daemon inherits its parent's
# signal mask, and test runners (Foundation's Process) spawn children with most
# signals blocked, so fcgiwrap would otherwise ignore SIGTERM. perl-base is
# always present on Debian; without perl the command runs as is (stop then
# falls back to SIGKILL).
with_signals_unblocked() {
  if command -v perl >/dev/null 2>&1; then
    exec perl -MPOSIX -e 'sigprocmask(SIG_SETMASK, POSIX::SigSet->new) or die "sigprocmask: $!"; exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!"' "$@"
  fi
  exec "$@"
}

# Waits up to ~5 s for a file (pid file, socket) to appear.
wait_for() {
  local path="$1" test_flag="$2"
  for _ in $(seq 1 100); do
    if test "$test_flag" "$path"; then return 0; fi
    sleep 0.05
  done
  return 1
}

write_nginx_conf() {
  local port="$1" backend="$2" user_line=""
  # Workers of a root master drop to an unprivileged user by default; keep them
  # as root so they can read the htpasswd and reach the socket in this folder.
  if [ "$(id -u)" -eq 0 ]; then user_line="user root root;"; fi
  cat >"$git_dir/nginx.conf" <<EOF
# Generated by scripts/services.sh; do not edit.
$user_line
worker_processes 1;
daemon on;
pid $git_dir/nginx.pid;
error_log $git_dir/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log $git_dir/logs/access.log;
  client_body_temp_path $git_dir/tmp/client_body;
  fastcgi_temp_path $git_dir/tmp/fastcgi;
  proxy_temp_path $git_dir/tmp/proxy;
  uwsgi_temp_path $git_dir/tmp/uwsgi;
  scgi_temp_path $git_dir/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    server_name localhost;
    client_max_body_size 0;
    location ~ ^/git(/.*)\$ {
      auth_basic "freightline-git";
      auth_basic_user_file $git_dir/htpasswd;
      fastcgi_pass unix:$git_dir/fcgiwrap.sock;
      fastcgi_buffering off;
      fastcgi_request_buffering off;
      fastcgi_read_timeout 300s;
      fastcgi_param SCRIPT_FILENAME $backend;
      fastcgi_param GIT_PROJECT_ROOT $git_dir/repos;
      fastcgi_param GIT_HTTP_EXPORT_ALL "";
      fastcgi_param GIT_CONFIG_NOSYSTEM 1;
      fastcgi_param PATH_INFO \$1;
      fastcgi_param REMOTE_USER \$remote_user;
      fastcgi_param REMOTE_ADDR \$remote_addr;
      fastcgi_param QUERY_STRING \$query_string;
      fastcgi_param REQUEST_METHOD \$request_method;
      fastcgi_param CONTENT_TYPE \$content_type;
      fastcgi_param CONTENT_LENGTH \$content_length;
      fastcgi_param GIT_PROTOCOL \$http_git_protocol;
      fastcgi_param HTTP_CONTENT_ENCODING \$http_content_encoding;
      fastcgi_param SERVER_PROTOCOL \$server_protocol;
      fastcgi_param GATEWAY_INTERFACE CGI/1.1;
      fastcgi_param SERVER_SOFTWARE nginx;
      fastcgi_param SERVER_NAME \$server_name;
      fastcgi_param SERVER_PORT \$server_port;
      fastcgi_param REQUEST_URI \$request_uri;
      fastcgi_param SCRIPT_NAME /git;
    }
    location / { return 404; }
  }
}
EOF
}

print_exports() {
  cat "$git_dir/env"
}

start_git() {
  check_git || exit 1
  if git_running; then
    print_exports
    return 0
  fi
  # Leftovers of a crashed run: stop what the pid files name, then start afresh.
  stop_git >/dev/null 2>&1 || true

  mkdir -p "$services_dir"
  [ -f "$services_dir/.gitignore" ] || printf '# Runtime files of scripts/services.sh\n*\n' >"$services_dir/.gitignore"
  mkdir -p "$git_dir/logs" "$git_dir/tmp" "$git_dir/repos"
  chmod 700 "$git_dir"

  local nginx fcgiwrap backend
  nginx="$(find_nginx)"
  fcgiwrap="$(find_fcgiwrap)"
  backend="$(find_http_backend)"

  local user="freightline" password
  password="$(random_token)"
  write_htpasswd "$user" "$password"

  rm -f "$git_dir/fcgiwrap.sock"
  # fcgiwrap stays in the foreground; run it detached and record its pid.
  # -p restricts it to git-http-backend; -c: a few workers for parallel clients.
  # stdin/stdout go to /dev/null so callers reading our output never wait on it.
  (
    close_inherited_fds
    with_signals_unblocked setsid "$fcgiwrap" -c 4 -p "$backend" -s "unix:$git_dir/fcgiwrap.sock" \
      </dev/null >>"$git_dir/logs/fcgiwrap.log" 2>&1
  ) &
  echo $! >"$git_dir/fcgiwrap.pid"
  if ! wait_for "$git_dir/fcgiwrap.sock" -S; then
    cat "$git_dir/logs/fcgiwrap.log" >&2 || true
    stop_git >/dev/null 2>&1 || true
    die "fcgiwrap did not create $git_dir/fcgiwrap.sock"
  fi

  # A free loopback port: try random ones, let nginx's bind decide (no race
  # between choosing a port and using it).
  local port="" attempt
  for attempt in $(seq 1 30); do
    local candidate=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    write_nginx_conf "$candidate" "$backend"
    : >"$git_dir/logs/nginx-start.log"
    if (
      close_inherited_fds
      with_signals_unblocked "$nginx" -p "$git_dir" -e "$git_dir/logs/error.log" -c "$git_dir/nginx.conf" \
        </dev/null >>"$git_dir/logs/nginx-start.log" 2>&1
    ); then
      if wait_for "$git_dir/nginx.pid" -s; then
        port="$candidate"
        break
      fi
    fi
    if ! grep -q "Address already in use" "$git_dir/logs/nginx-start.log" "$git_dir/logs/error.log" 2>/dev/null; then
      cat "$git_dir/logs/nginx-start.log" >&2 || true
      tail -n 20 "$git_dir/logs/error.log" >&2 2>/dev/null || true
      stop_git >/dev/null 2>&1 || true
      die "nginx did not start (config $git_dir/nginx.conf)"
    fi
  done
  if [ -z "$port" ]; then
    stop_git >/dev/null 2>&1 || true
    die "no free loopback port found after $attempt attempts"
  fi

  cat >"$git_dir/env" <<EOF
export FREIGHTLINE_GIT_URL=http://127.0.0.1:$port/git
export FREIGHTLINE_GIT_REPOS=$git_dir/repos
export FREIGHTLINE_GIT_USERNAME=$user
export FREIGHTLINE_GIT_PASSWORD=$password
EOF
  chmod 600 "$git_dir/env"

  # Smoke test: an authenticated request must reach http-backend (404 for a
  # missing repository, not 401/502).
  if command -v curl >/dev/null 2>&1; then
    local code
    code="$(curl -s -o /dev/null -w '%{http_code}' -u "$user:$password" \
      "http://127.0.0.1:$port/git/none.git/info/refs?service=git-upload-pack" || true)"
    if [ "$code" != "404" ]; then
      tail -n 20 "$git_dir/logs/error.log" >&2 2>/dev/null || true
      stop_git >/dev/null 2>&1 || true
      die "git server on port $port answered HTTP $code to a probe (expected 404)"
    fi
  fi
  print_exports
}

# Stops only the processes named by our own pid files.
stop_pid_file() {
  local file="$1" pid target
  [ -f "$file" ] || return 0
  pid="$(cat "$file" 2>/dev/null || true)"
  if [ -n "$pid" ] && process_alive "$pid"; then
    # fcgiwrap was started with setsid: it leads its own process group, which
    # also holds its preforked workers; signal the whole group then.
    target="$pid"
    if [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d " ")" = "$pid" ]; then target="-$pid"; fi
    kill -TERM -- "$target" 2>/dev/null || true
    for _ in $(seq 1 40); do
      process_alive "$pid" || break
      sleep 0.05
    done
    process_alive "$pid" && kill -KILL -- "$target" 2>/dev/null || true
  fi
  rm -f "$file"
}

stop_git() {
  [ -d "$git_dir" ] || { echo "git: not running"; return 0; }
  stop_pid_file "$git_dir/nginx.pid"
  stop_pid_file "$git_dir/fcgiwrap.pid"
  rm -f "$git_dir/fcgiwrap.sock" "$git_dir/env"
  echo "git: stopped"
}

stop_ssh() {
  [ -d "$ssh_dir" ] || { echo "ssh: not running"; return 0; }
  # sshd leads its own process group (setsid); connections already open have
  # their own sessions and end with their clients.
  stop_pid_file "$ssh_dir/sshd.pid"
  rm -f "$ssh_dir/env"
  echo "ssh: stopped"
}

find_sshd() {
  command -v sshd 2>/dev/null || { [ -x /usr/sbin/sshd ] && echo /usr/sbin/sshd; } || return 1
}

check_ssh() {
  local missing=()
  find_sshd >/dev/null || missing+=("sshd (package openssh-server)")
  command -v ssh-keygen >/dev/null 2>&1 || missing+=("ssh-keygen (package openssh-client)")
  command -v ssh >/dev/null 2>&1 || missing+=("ssh (package openssh-client)")
  command -v git >/dev/null 2>&1 || missing+=("git")
  if ((${#missing[@]})); then
    echo "missing: ${missing[*]} (run scripts/install-deps.sh)" >&2
    return 1
  fi
}

ssh_running() {
  pid_alive "$ssh_dir/sshd.pid" && [ -f "$ssh_dir/env" ]
}

write_sshd_conf() {
  local port="$1" user="$2"
  cat >"$ssh_dir/sshd_config" <<EOC
# Generated by scripts/services.sh; do not edit.
ListenAddress 127.0.0.1:$port
AddressFamily inet
HostKey $ssh_dir/host_ed25519_key
PidFile $ssh_dir/sshd.pid
AuthorizedKeysFile $ssh_dir/authorized_keys
AuthorizedKeysCommand none
AuthorizedPrincipalsFile none
AllowUsers $user
PubkeyAuthentication yes
# libssh2 before 1.11 (Debian 12 has 1.10, used by libgit2) signs RSA logins
# only with SHA-1 ("ssh-rsa"), which OpenSSH 8.8+ refuses by default.
PubkeyAcceptedAlgorithms +ssh-rsa
PasswordAuthentication no
KbdInteractiveAuthentication no
HostbasedAuthentication no
PermitEmptyPasswords no
UsePAM no
# The runtime folder lives wherever the caller put it (a temp folder in tests).
StrictModes no
# Only a key: root may log in when root runs the script (CI).
PermitRootLogin prohibit-password
PermitUserEnvironment no
# Lets git use protocol v2 over SSH.
AcceptEnv GIT_PROTOCOL
AllowTcpForwarding no
AllowAgentForwarding no
AllowStreamLocalForwarding no
X11Forwarding no
PermitTunnel no
PrintMotd no
PrintLastLog no
UseDNS no
# Tests may open many connections at once.
MaxStartups 64
LogLevel VERBOSE
EOC
}

print_ssh_exports() {
  cat "$ssh_dir/env"
}

start_ssh() {
  check_ssh || exit 1
  if ssh_running; then
    print_ssh_exports
    return 0
  fi
  # Leftovers of a crashed run: stop what the pid file names, then start afresh.
  stop_ssh >/dev/null 2>&1 || true

  local user
  user="$(id -un)"
  # Without PAM, sshd refuses every login, keys included, to an account whose
  # shadow password starts with '!' (locked), as this script sees it: root reads
  # /etc/shadow; others see only what nss modules such as systemd's offer.
  if command -v getent >/dev/null 2>&1; then
    case "$(getent shadow "$user" 2>/dev/null | cut -d: -f2 || true)" in
      '!'*) die "account $user is locked (shadow password starts with '!'), so sshd without PAM refuses its key logins; unlock it with an unusable password: usermod -p '*' $user" ;;
    esac
  fi

  mkdir -p "$services_dir"
  [ -f "$services_dir/.gitignore" ] || printf '# Runtime files of scripts/services.sh\n*\n' >"$services_dir/.gitignore"
  mkdir -p "$ssh_dir/logs" "$ssh_dir/repos"
  chmod 700 "$ssh_dir"

  local sshd
  sshd="$(find_sshd)"
  # sshd re-executes itself for every connection and insists on an absolute path.
  case "$sshd" in /*) ;; *) sshd="$(cd "$(dirname "$sshd")" && pwd)/$(basename "$sshd")" ;; esac
  # A root sshd chroots its unprivileged pre-auth child into this folder.
  if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then
    mkdir -p /run/sshd
    chmod 755 /run/sshd
  fi

  # Fresh keys every start. Client keys are RSA in PEM form, which libssh2
  # (libgit2's SSH transport) reads from memory.
  rm -f "$ssh_dir"/host_ed25519_key* "$ssh_dir"/client_key* "$ssh_dir"/wrong_key* \
    "$ssh_dir/authorized_keys" "$ssh_dir/known_hosts"
  ssh-keygen -q -t ed25519 -N '' -C freightline-ssh-host -f "$ssh_dir/host_ed25519_key" </dev/null >/dev/null
  local keygen_pids=() name
  for name in client_key wrong_key; do
    ssh-keygen -q -t rsa -b 3072 -m PEM -N '' -C "freightline-ssh-$name" -f "$ssh_dir/$name" </dev/null >/dev/null &
    keygen_pids+=($!)
  done
  for name in "${keygen_pids[@]}"; do
    wait "$name" || die "ssh-keygen failed"
  done
  printf 'restrict %s\n' "$(cat "$ssh_dir/client_key.pub")" >"$ssh_dir/authorized_keys"
  chmod 600 "$ssh_dir/authorized_keys"

  # A free loopback port: try random ones, let sshd's bind decide (no race
  # between choosing a port and using it). sshd writes its pid file once it
  # listens, and exits at once if the port is taken.
  local port="" attempt launcher
  for attempt in $(seq 1 30); do
    local candidate=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    write_sshd_conf "$candidate" "$user"
    : >"$ssh_dir/logs/sshd.log"
    rm -f "$ssh_dir/sshd.pid"
    (
      close_inherited_fds
      with_signals_unblocked setsid "$sshd" -D -e -f "$ssh_dir/sshd_config" \
        </dev/null >>"$ssh_dir/logs/sshd.log" 2>&1
    ) &
    launcher=$!
    for _ in $(seq 1 100); do
      [ -s "$ssh_dir/sshd.pid" ] && break
      process_alive "$launcher" || break
      sleep 0.05
    done
    if pid_alive "$ssh_dir/sshd.pid"; then
      port="$candidate"
      break
    fi
    if process_alive "$launcher"; then kill -KILL "$launcher" 2>/dev/null || true; fi
    wait "$launcher" 2>/dev/null || true
    if ! grep -q "Address already in use" "$ssh_dir/logs/sshd.log" 2>/dev/null; then
      tail -n 20 "$ssh_dir/logs/sshd.log" >&2 2>/dev/null || true
      stop_ssh >/dev/null 2>&1 || true
      die "sshd did not start (config $ssh_dir/sshd_config)"
    fi
  done
  if [ -z "$port" ]; then
    stop_ssh >/dev/null 2>&1 || true
    die "no free loopback port found after $attempt attempts"
  fi

  printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1-2 "$ssh_dir/host_ed25519_key.pub")" >"$ssh_dir/known_hosts"

  # Smoke test: the authorized key must log in and run a command.
  if ! ssh -F /dev/null -p "$port" -i "$ssh_dir/client_key" -o IdentitiesOnly=yes -o IdentityAgent=none \
    -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$ssh_dir/known_hosts" \
    -o GlobalKnownHostsFile=/dev/null -o ConnectTimeout=10 -o LogLevel=ERROR \
    "$user@127.0.0.1" true </dev/null >"$ssh_dir/logs/probe.log" 2>&1; then
    cat "$ssh_dir/logs/probe.log" >&2 || true
    tail -n 20 "$ssh_dir/logs/sshd.log" >&2 2>/dev/null || true
    stop_ssh >/dev/null 2>&1 || true
    die "sshd on port $port refused the generated key to $user (probe: ssh $user@127.0.0.1 true)"
  fi

  cat >"$ssh_dir/env" <<EOC
export FREIGHTLINE_SSH_URL=ssh://$user@127.0.0.1:$port
export FREIGHTLINE_SSH_REPOS=$ssh_dir/repos
export FREIGHTLINE_SSH_USER=$user
export FREIGHTLINE_SSH_KEY=$ssh_dir/client_key
export FREIGHTLINE_SSH_WRONG_KEY=$ssh_dir/wrong_key
export FREIGHTLINE_SSH_KNOWN_HOSTS=$ssh_dir/known_hosts
EOC
  chmod 600 "$ssh_dir/env"
  print_ssh_exports
}

# --- Helm chart repository (`start helm`) -------------------------------------
# nginx serves $helm_dir/repo as static files on a free loopback port: ETag and
# Last-Modified come with every file, so conditional requests (If-None-Match /
# If-Modified-Since) get 304. Files under repo/private/ need basic auth.

check_helm() {
  local missing=()
  find_nginx >/dev/null || missing+=("nginx (package nginx-light or nginx)")
  if ! command -v openssl >/dev/null 2>&1 && ! command -v htpasswd >/dev/null 2>&1; then
    missing+=("openssl or htpasswd (package openssl or apache2-utils)")
  fi
  if ((${#missing[@]})); then
    echo "missing: ${missing[*]} (run scripts/install-deps.sh)" >&2
    return 1
  fi
}

helm_running() {
  pid_alive "$helm_dir/nginx.pid" && [ -f "$helm_dir/env" ]
}

helm_write_htpasswd() {
  local user="$1" password="$2" hash
  if command -v openssl >/dev/null 2>&1; then
    hash="$(openssl passwd -apr1 "$password")"
    printf '%s:%s\n' "$user" "$hash" >"$helm_dir/htpasswd"
  else
    htpasswd -bcm "$helm_dir/htpasswd" "$user" "$password" 2>/dev/null
  fi
  chmod 600 "$helm_dir/htpasswd"
}

write_helm_nginx_conf() {
  local port="$1" user_line=""
  # Workers of a root master drop to an unprivileged user by default; keep them
  # as root so they can read the htpasswd and the served folder.
  if [ "$(id -u)" -eq 0 ]; then user_line="user root root;"; fi
  cat >"$helm_dir/nginx.conf" <<EOF
# Generated by scripts/services.sh; do not edit.
$user_line
worker_processes 1;
daemon on;
pid $helm_dir/nginx.pid;
error_log $helm_dir/logs/error.log warn;
events { worker_connections 256; }
http {
  # One line per request, for tests that count requests and 304s:
  # STATUS METHOD URI BYTES_SENT(body) USER
  log_format freightline_helm '\$status \$request_method \$request_uri \$body_bytes_sent \$remote_user';
  access_log $helm_dir/logs/access.log freightline_helm;
  client_body_temp_path $helm_dir/tmp/client_body;
  fastcgi_temp_path $helm_dir/tmp/fastcgi;
  proxy_temp_path $helm_dir/tmp/proxy;
  uwsgi_temp_path $helm_dir/tmp/uwsgi;
  scgi_temp_path $helm_dir/tmp/scgi;
  types {
    application/x-yaml yaml yml;
    application/gzip tgz gz;
  }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$port;
    server_name localhost;
    root $helm_dir/repo;
    autoindex off;
    etag on;
    if_modified_since exact;
    location /private/ {
      auth_basic "freightline-helm";
      auth_basic_user_file $helm_dir/htpasswd;
    }
    location / { }
  }
}
EOF
}

print_helm_exports() {
  cat "$helm_dir/env"
}

start_helm() {
  check_helm || exit 1
  if helm_running; then
    print_helm_exports
    return 0
  fi
  # Leftovers of a crashed run: stop what the pid file names, then start afresh.
  stop_helm >/dev/null 2>&1 || true

  mkdir -p "$services_dir"
  [ -f "$services_dir/.gitignore" ] || printf '# Runtime files of scripts/services.sh\n*\n' >"$services_dir/.gitignore"
  mkdir -p "$helm_dir/logs" "$helm_dir/tmp" "$helm_dir/repo/private"
  chmod 700 "$helm_dir"

  local nginx
  nginx="$(find_nginx)"

  local user="freightline" password
  password="$(random_token)"
  helm_write_htpasswd "$user" "$password"

  # A free loopback port: try random ones, let nginx's bind decide (no race
  # between choosing a port and using it).
  local port="" attempt
  for attempt in $(seq 1 30); do
    local candidate=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    write_helm_nginx_conf "$candidate"
    : >"$helm_dir/logs/nginx-start.log"
    if (
      close_inherited_fds
      with_signals_unblocked "$nginx" -p "$helm_dir" -e "$helm_dir/logs/error.log" -c "$helm_dir/nginx.conf" \
        </dev/null >>"$helm_dir/logs/nginx-start.log" 2>&1
    ); then
      if wait_for "$helm_dir/nginx.pid" -s; then
        port="$candidate"
        break
      fi
    fi
    if ! grep -q "Address already in use" "$helm_dir/logs/nginx-start.log" "$helm_dir/logs/error.log" 2>/dev/null; then
      cat "$helm_dir/logs/nginx-start.log" >&2 || true
      tail -n 20 "$helm_dir/logs/error.log" >&2 2>/dev/null || true
      stop_helm >/dev/null 2>&1 || true
      die "nginx did not start (config $helm_dir/nginx.conf)"
    fi
  done
  if [ -z "$port" ]; then
    stop_helm >/dev/null 2>&1 || true
    die "no free loopback port found after $attempt attempts"
  fi

  cat >"$helm_dir/env" <<EOF
export FREIGHTLINE_HELM_URL=http://127.0.0.1:$port
export FREIGHTLINE_HELM_PRIVATE_URL=http://127.0.0.1:$port/private
export FREIGHTLINE_HELM_DIR=$helm_dir/repo
export FREIGHTLINE_HELM_USERNAME=$user
export FREIGHTLINE_HELM_PASSWORD=$password
EOF
  chmod 600 "$helm_dir/env"

  # Smoke test: a missing file is 404 in public and 401 without credentials in
  # private/ (so the auth location is in force).
  if command -v curl >/dev/null 2>&1; then
    local public private
    public="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/freightline-probe.yaml" || true)"
    private="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/private/freightline-probe.yaml" || true)"
    if [ "$public" != "404" ] || [ "$private" != "401" ]; then
      tail -n 20 "$helm_dir/logs/error.log" >&2 2>/dev/null || true
      stop_helm >/dev/null 2>&1 || true
      die "helm repository on port $port answered HTTP $public / $private to probes (expected 404 / 401)"
    fi
    # The probes are not the caller's requests.
    : >"$helm_dir/logs/access.log"
  fi
  print_helm_exports
}

stop_helm() {
  [ -d "$helm_dir" ] || { echo "helm: not running"; return 0; }
  stop_pid_file "$helm_dir/nginx.pid"
  rm -f "$helm_dir/env"
  echo "helm: stopped"
}

helm_status() {
  if helm_running; then
    local url
    url="$(sed -n 's/^export FREIGHTLINE_HELM_URL=//p' "$helm_dir/env")"
    echo "helm: running at $url (nginx pid $(cat "$helm_dir/nginx.pid"), files $helm_dir/repo)"
  else
    echo "helm: not running"
  fi
}

# --- OCI registry (`start registry`) ------------------------------------------
# Debian's docker-registry (CNCF distribution 2.8) runs twice, in the foreground
# and detached, each on its own free loopback port (127.0.0.1 only), both over
# plain HTTP and sharing one storage folder: one anonymous (read and push
# without credentials), one with htpasswd basic auth (bcrypt). Push to either
# and read from the other. Files, under the same runtime folder:
#
#   registry/anonymous.yml registry/basic.yml registry/anonymous.pid registry/basic.pid
#   registry/htpasswd registry/storage/ registry/logs/ registry/env
#
# `start registry` prints shell `export` lines (eval them):
#   FREIGHTLINE_REGISTRY_HOST=127.0.0.1:PORT        (anonymous: repository R is $HOST/R)
#   FREIGHTLINE_REGISTRY_AUTH_HOST=127.0.0.1:PORT2  (basic auth, same repositories)
#   FREIGHTLINE_REGISTRY_USERNAME / FREIGHTLINE_REGISTRY_PASSWORD (generated per run)
#   FREIGHTLINE_REGISTRY_STORAGE=<the shared storage folder>
# Feed it with skopeo: skopeo copy --dest-tls-verify=false oci:LAYOUT:TAG docker://$HOST/R:TAG
# If the registries are already running, `start registry` prints the same lines again.
# Needs the Debian packages docker-registry and apache2-utils (htpasswd -B);
# skopeo to push images.

registry_dir="$services_dir/registry"

find_docker_registry() {
  command -v docker-registry 2>/dev/null || { [ -x /usr/bin/docker-registry ] && echo /usr/bin/docker-registry; } || return 1
}

check_registry() {
  local missing=()
  find_docker_registry >/dev/null || missing+=("docker-registry (package docker-registry)")
  command -v htpasswd >/dev/null 2>&1 || missing+=("htpasswd (package apache2-utils)")
  command -v skopeo >/dev/null 2>&1 || missing+=("skopeo (package skopeo)")
  command -v curl >/dev/null 2>&1 || missing+=("curl (package curl)")
  if ((${#missing[@]})); then
    echo "missing: ${missing[*]} (run scripts/install-deps.sh)" >&2
    return 1
  fi
}

registry_running() {
  pid_alive "$registry_dir/anonymous.pid" && pid_alive "$registry_dir/basic.pid" && [ -f "$registry_dir/env" ]
}

# write_registry_conf FLAVOUR PORT: anonymous, or basic (htpasswd).
write_registry_conf() {
  local flavour="$1" port="$2" auth=""
  if [ "$flavour" = basic ]; then
    auth="auth:
  htpasswd:
    realm: freightline-registry
    path: $registry_dir/htpasswd"
  fi
  cat >"$registry_dir/$flavour.yml" <<EOF
# Generated by scripts/services.sh; do not edit.
version: 0.1
log:
  level: info
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: $registry_dir/storage
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$port
  secret: $(random_token)
  headers:
    X-Content-Type-Options: [nosniff]
$auth
EOF
}

# start_registry_flavour FLAVOUR EXPECTED_PROBE_STATUS: prints the port it listens on.
start_registry_flavour() {
  local flavour="$1" expected="$2" registry port="" attempt launcher code
  registry="$(find_docker_registry)"
  for attempt in $(seq 1 30); do
    local candidate=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    write_registry_conf "$flavour" "$candidate"
    : >"$registry_dir/logs/$flavour.log"
    (
      close_inherited_fds
      with_signals_unblocked setsid "$registry" serve "$registry_dir/$flavour.yml" \
        </dev/null >>"$registry_dir/logs/$flavour.log" 2>&1
    ) &
    launcher=$!
    echo "$launcher" >"$registry_dir/$flavour.pid"
    # Listening once /v2/ answers (200 anonymous, 401 with auth).
    code=""
    for _ in $(seq 1 100); do
      process_alive "$launcher" || break
      code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$candidate/v2/" 2>/dev/null || true)"
      [ "$code" = "$expected" ] && break
      sleep 0.05
    done
    if [ "$code" = "$expected" ] && process_alive "$launcher"; then
      port="$candidate"
      break
    fi
    stop_pid_file "$registry_dir/$flavour.pid"
    wait "$launcher" 2>/dev/null || true
    if ! grep -q "address already in use" "$registry_dir/logs/$flavour.log" 2>/dev/null; then
      tail -n 20 "$registry_dir/logs/$flavour.log" >&2 2>/dev/null || true
      die "docker-registry ($flavour) did not start (config $registry_dir/$flavour.yml; probe answered '${code:-nothing}', expected $expected)"
    fi
  done
  [ -n "$port" ] || die "no free loopback port found for docker-registry ($flavour) after $attempt attempts"
  echo "$port"
}

print_registry_exports() {
  cat "$registry_dir/env"
}

start_registry() {
  check_registry || exit 1
  if registry_running; then
    print_registry_exports
    return 0
  fi
  # Leftovers of a crashed run: stop what the pid files name, then start afresh.
  stop_registry >/dev/null 2>&1 || true

  mkdir -p "$services_dir"
  [ -f "$services_dir/.gitignore" ] || printf '# Runtime files of scripts/services.sh\n*\n' >"$services_dir/.gitignore"
  mkdir -p "$registry_dir/logs" "$registry_dir/storage"
  chmod 700 "$registry_dir"

  local user="freightline" password anonymous_port basic_port
  password="$(random_token)"
  # The registry reads bcrypt entries only.
  htpasswd -Bbn "$user" "$password" 2>/dev/null | sed '/^$/d' >"$registry_dir/htpasswd"
  chmod 600 "$registry_dir/htpasswd"

  anonymous_port="$(start_registry_flavour anonymous 200)" || { stop_registry >/dev/null 2>&1 || true; exit 1; }
  basic_port="$(start_registry_flavour basic 401)" || { stop_registry >/dev/null 2>&1 || true; exit 1; }

  # Smoke test: the generated credentials are accepted.
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -u "$user:$password" "http://127.0.0.1:$basic_port/v2/" || true)"
  if [ "$code" != "200" ]; then
    tail -n 20 "$registry_dir/logs/basic.log" >&2 2>/dev/null || true
    stop_registry >/dev/null 2>&1 || true
    die "docker-registry (basic) on port $basic_port answered HTTP $code to the generated credentials (expected 200)"
  fi

  cat >"$registry_dir/env" <<EOF
export FREIGHTLINE_REGISTRY_HOST=127.0.0.1:$anonymous_port
export FREIGHTLINE_REGISTRY_AUTH_HOST=127.0.0.1:$basic_port
export FREIGHTLINE_REGISTRY_USERNAME=$user
export FREIGHTLINE_REGISTRY_PASSWORD=$password
export FREIGHTLINE_REGISTRY_STORAGE=$registry_dir/storage
EOF
  chmod 600 "$registry_dir/env"
  print_registry_exports
}

stop_registry() {
  [ -d "$registry_dir" ] || { echo "registry: not running"; return 0; }
  stop_pid_file "$registry_dir/anonymous.pid"
  stop_pid_file "$registry_dir/basic.pid"
  rm -f "$registry_dir/env"
  echo "registry: stopped"
}

registry_status() {
  if registry_running; then
    local host auth_host
    host="$(sed -n 's/^export FREIGHTLINE_REGISTRY_HOST=//p' "$registry_dir/env")"
    auth_host="$(sed -n 's/^export FREIGHTLINE_REGISTRY_AUTH_HOST=//p' "$registry_dir/env")"
    echo "registry: running at $host (anonymous, pid $(cat "$registry_dir/anonymous.pid")) and $auth_host (basic auth, pid $(cat "$registry_dir/basic.pid")), storage $registry_dir/storage"
  else
    echo "registry: not running"
  fi
}

# --- Prometheus (`start prometheus`) ------------------------------------------
# Debian's prometheus (2.42) runs in the foreground, detached, with its own
# config file and TSDB folder, on a free loopback port (127.0.0.1 only). It
# scrapes itself (job "prometheus") and a static exporter (job
# "freightline-exporter") every second: nginx on a second free loopback port
# serving exporter/metrics, a Prometheus text-format file that tests rewrite to
# choose what a query returns (write a temp file in the same folder and rename
# it over, so a scrape never sees half a file). Files, under the same runtime
# folder:
#
#   prometheus/prometheus.yml prometheus/prometheus.pid prometheus/storage/
#   prometheus/exporter.conf prometheus/exporter.pid prometheus/exporter/metrics
#   prometheus/logs/ prometheus/tmp/ prometheus/env
#
# `start prometheus` returns once both targets have been scraped (two `up`
# samples, bounded ~20 s), and prints shell `export` lines (eval them):
#   FREIGHTLINE_PROMETHEUS_URL=http://127.0.0.1:PORT            (the HTTP API: $URL/api/v1/query)
#   FREIGHTLINE_PROMETHEUS_EXPORTER_URL=http://127.0.0.1:PORT2  (the exporter: $URL/metrics)
#   FREIGHTLINE_PROMETHEUS_METRICS_FILE=<the file served at $EXPORTER_URL/metrics>
#   FREIGHTLINE_PROMETHEUS_EXPORTER_DIR=<the folder served at $EXPORTER_URL/: other files put
#                                   there (a health document for a `web` check) are served too>
# If Prometheus is already running, `start prometheus` prints the same lines again.
# Needs the Debian packages prometheus, nginx-light (or nginx) and curl. The
# package's own system service (port 9090) is not used.

prometheus_dir="$services_dir/prometheus"

find_prometheus() {
  command -v prometheus 2>/dev/null || { [ -x /usr/bin/prometheus ] && echo /usr/bin/prometheus; } || return 1
}

check_prometheus() {
  local missing=()
  find_prometheus >/dev/null || missing+=("prometheus (package prometheus)")
  find_nginx >/dev/null || missing+=("nginx (package nginx-light or nginx)")
  command -v curl >/dev/null 2>&1 || missing+=("curl (package curl)")
  if ((${#missing[@]})); then
    echo "missing: ${missing[*]} (run scripts/install-deps.sh)" >&2
    return 1
  fi
}

prometheus_running() {
  pid_alive "$prometheus_dir/prometheus.pid" && pid_alive "$prometheus_dir/exporter.pid" && [ -f "$prometheus_dir/env" ]
}

write_prometheus_exporter_conf() {
  local port="$1" user_line=""
  # Workers of a root master drop to an unprivileged user by default; keep them
  # as root so they can read the served folder.
  if [ "$(id -u)" -eq 0 ]; then user_line="user root root;"; fi
  cat >"$prometheus_dir/exporter.conf" <<EOF
# Generated by scripts/services.sh; do not edit.
$user_line
worker_processes 1;
daemon on;
pid $prometheus_dir/exporter.pid;
error_log $prometheus_dir/logs/exporter-error.log warn;
events { worker_connections 64; }
http {
  access_log $prometheus_dir/logs/exporter-access.log;
  client_body_temp_path $prometheus_dir/tmp/client_body;
  fastcgi_temp_path $prometheus_dir/tmp/fastcgi;
  proxy_temp_path $prometheus_dir/tmp/proxy;
  uwsgi_temp_path $prometheus_dir/tmp/uwsgi;
  scgi_temp_path $prometheus_dir/tmp/scgi;
  types { }
  default_type "text/plain; version=0.0.4";
  server {
    listen 127.0.0.1:$port;
    server_name localhost;
    root $prometheus_dir/exporter;
    autoindex off;
    location = /metrics { }
    location / { }
  }
}
EOF
}

write_prometheus_conf() {
  local port="$1" exporter_port="$2"
  cat >"$prometheus_dir/prometheus.yml" <<EOF
# Generated by scripts/services.sh; do not edit.
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:$port']
  - job_name: freightline-exporter
    static_configs:
      - targets: ['127.0.0.1:$exporter_port']
EOF
}

# Prints the exporter's port.
start_prometheus_exporter() {
  local nginx port="" attempt
  nginx="$(find_nginx)"
  for attempt in $(seq 1 30); do
    local candidate=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    write_prometheus_exporter_conf "$candidate"
    : >"$prometheus_dir/logs/exporter-start.log"
    if (
      close_inherited_fds
      with_signals_unblocked "$nginx" -p "$prometheus_dir" -e "$prometheus_dir/logs/exporter-error.log" \
        -c "$prometheus_dir/exporter.conf" </dev/null >>"$prometheus_dir/logs/exporter-start.log" 2>&1
    ); then
      if wait_for "$prometheus_dir/exporter.pid" -s; then
        port="$candidate"
        break
      fi
    fi
    if ! grep -q "Address already in use" "$prometheus_dir/logs/exporter-start.log" \
      "$prometheus_dir/logs/exporter-error.log" 2>/dev/null; then
      cat "$prometheus_dir/logs/exporter-start.log" >&2 || true
      tail -n 20 "$prometheus_dir/logs/exporter-error.log" >&2 2>/dev/null || true
      die "nginx (exporter) did not start (config $prometheus_dir/exporter.conf)"
    fi
  done
  [ -n "$port" ] || die "no free loopback port found for the exporter after $attempt attempts"
  echo "$port"
}

# start_prometheus_server EXPORTER_PORT: prints the port Prometheus listens on.
start_prometheus_server() {
  local exporter_port="$1" prometheus port="" attempt launcher code
  prometheus="$(find_prometheus)"
  for attempt in $(seq 1 30); do
    local candidate=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    write_prometheus_conf "$candidate" "$exporter_port"
    : >"$prometheus_dir/logs/prometheus.log"
    (
      close_inherited_fds
      with_signals_unblocked setsid "$prometheus" \
        --config.file="$prometheus_dir/prometheus.yml" \
        --storage.tsdb.path="$prometheus_dir/storage" \
        --storage.tsdb.retention.time=1d \
        --web.listen-address="127.0.0.1:$candidate" \
        </dev/null >>"$prometheus_dir/logs/prometheus.log" 2>&1
    ) &
    launcher=$!
    echo "$launcher" >"$prometheus_dir/prometheus.pid"
    # Ready once /-/ready answers 200 (the TSDB is open and the API serves).
    code=""
    for _ in $(seq 1 200); do
      process_alive "$launcher" || break
      code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$candidate/-/ready" 2>/dev/null || true)"
      [ "$code" = "200" ] && break
      sleep 0.05
    done
    if [ "$code" = "200" ] && process_alive "$launcher"; then
      port="$candidate"
      break
    fi
    stop_pid_file "$prometheus_dir/prometheus.pid"
    wait "$launcher" 2>/dev/null || true
    if ! grep -q "address already in use" "$prometheus_dir/logs/prometheus.log" 2>/dev/null; then
      tail -n 20 "$prometheus_dir/logs/prometheus.log" >&2 2>/dev/null || true
      die "prometheus did not start (config $prometheus_dir/prometheus.yml; /-/ready answered '${code:-nothing}')"
    fi
  done
  [ -n "$port" ] || die "no free loopback port found for prometheus after $attempt attempts"
  echo "$port"
}

print_prometheus_exports() {
  cat "$prometheus_dir/env"
}

start_prometheus() {
  check_prometheus || exit 1
  if prometheus_running; then
    print_prometheus_exports
    return 0
  fi
  # Leftovers of a crashed run: stop what the pid files name, then start afresh.
  stop_prometheus >/dev/null 2>&1 || true

  mkdir -p "$services_dir"
  [ -f "$services_dir/.gitignore" ] || printf '# Runtime files of scripts/services.sh\n*\n' >"$services_dir/.gitignore"
  # Every start begins with no data: samples a previous run left in storage/
  # would answer queries (and the readiness probe below) as if they were new.
  rm -rf -- "${prometheus_dir:?}/storage"
  mkdir -p "$prometheus_dir/logs" "$prometheus_dir/tmp" "$prometheus_dir/storage" "$prometheus_dir/exporter"
  chmod 700 "$prometheus_dir"
  printf '# Written by the tests (FREIGHTLINE_PROMETHEUS_METRICS_FILE).\n' >"$prometheus_dir/exporter/metrics"

  local exporter_port port
  exporter_port="$(start_prometheus_exporter)" || { stop_prometheus >/dev/null 2>&1 || true; exit 1; }
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$exporter_port/metrics" || true)"
  if [ "$code" != "200" ]; then
    tail -n 20 "$prometheus_dir/logs/exporter-error.log" >&2 2>/dev/null || true
    stop_prometheus >/dev/null 2>&1 || true
    die "exporter on port $exporter_port answered HTTP $code to /metrics (expected 200)"
  fi
  port="$(start_prometheus_server "$exporter_port")" || { stop_prometheus >/dev/null 2>&1 || true; exit 1; }

  # Both targets scraped: `count(up)` is 2. Prometheus hands its first targets
  # to the scrape manager about 5 s after starting (a fixed throttle), so this
  # takes about 5-6 s.
  local scraped=""
  for _ in $(seq 1 400); do
    if curl -s --get --data-urlencode 'query=count(up)' "http://127.0.0.1:$port/api/v1/query" 2>/dev/null |
      grep -q '"value":\[[0-9.]*,"2"\]'; then
      scraped=yes
      break
    fi
    sleep 0.05
  done
  if [ -z "$scraped" ]; then
    tail -n 20 "$prometheus_dir/logs/prometheus.log" >&2 2>/dev/null || true
    stop_prometheus >/dev/null 2>&1 || true
    die "prometheus on port $port had not scraped itself and the exporter after 20 s"
  fi

  cat >"$prometheus_dir/env" <<EOF
export FREIGHTLINE_PROMETHEUS_URL=http://127.0.0.1:$port
export FREIGHTLINE_PROMETHEUS_EXPORTER_URL=http://127.0.0.1:$exporter_port
export FREIGHTLINE_PROMETHEUS_METRICS_FILE=$prometheus_dir/exporter/metrics
export FREIGHTLINE_PROMETHEUS_EXPORTER_DIR=$prometheus_dir/exporter
EOF
  chmod 600 "$prometheus_dir/env"
  print_prometheus_exports
}

stop_prometheus() {
  [ -d "$prometheus_dir" ] || { echo "prometheus: not running"; return 0; }
  stop_pid_file "$prometheus_dir/prometheus.pid"
  stop_pid_file "$prometheus_dir/exporter.pid"
  rm -f "$prometheus_dir/env"
  echo "prometheus: stopped"
}

prometheus_status() {
  if prometheus_running; then
    local url exporter
    url="$(sed -n 's/^export FREIGHTLINE_PROMETHEUS_URL=//p' "$prometheus_dir/env")"
    exporter="$(sed -n 's/^export FREIGHTLINE_PROMETHEUS_EXPORTER_URL=//p' "$prometheus_dir/env")"
    echo "prometheus: running at $url (pid $(cat "$prometheus_dir/prometheus.pid")), exporter at $exporter/metrics (nginx pid $(cat "$prometheus_dir/exporter.pid"))"
  else
    echo "prometheus: not running"
  fi
}

status() {
  if git_running; then
    local url
    url="$(sed -n 's/^export FREIGHTLINE_GIT_URL=//p' "$git_dir/env")"
    echo "git: running at $url (nginx pid $(cat "$git_dir/nginx.pid"), fcgiwrap pid $(cat "$git_dir/fcgiwrap.pid"), repos $git_dir/repos)"
  else
    echo "git: not running"
  fi
  if ssh_running; then
    local ssh_url
    ssh_url="$(sed -n 's/^export FREIGHTLINE_SSH_URL=//p' "$ssh_dir/env")"
    echo "ssh: running at $ssh_url (sshd pid $(cat "$ssh_dir/sshd.pid"), repos $ssh_dir/repos)"
  else
    echo "ssh: not running"
  fi
  helm_status
  registry_status
  prometheus_status
}

case "${1:-}" in
  start)
    case "${2:-}" in
      git) start_git ;;
      helm) start_helm ;;
      registry) start_registry ;;
      prometheus) start_prometheus ;;
      ssh) start_ssh ;;
      *) usage ;;
    esac
    ;;
  stop)
    case "${2:-}" in
      git) stop_git ;;
      helm) stop_helm ;;
      registry) stop_registry ;;
      prometheus) stop_prometheus ;;
      ssh) stop_ssh ;;
      *) usage ;;
    esac
    ;;
  status)
    status
    ;;
  check)
    case "${2:-}" in
      git) check_git ;;
      helm) check_helm ;;
      registry) check_registry ;;
      prometheus) check_prometheus ;;
      ssh) check_ssh ;;
      *) usage ;;
    esac
    ;;
  *)
    usage
    ;;
esac
