#!/usr/bin/env bash
# make demo: a full pipeline on the bundled example, against a real Git server on loopback.
#
# Starts `git http-backend` behind nginx (basic auth) on a free 127.0.0.1 port, seeds a
# GitOps repository from fixtures/examples/kargo-demo (Kargo YAML + env/<stage>
# kustomizations), seeds Freight into the state ref (Warehouse discovery arrives with a
# later release), then runs `freightline reconcile` with --now moving forward to walk the
# Freight through test → uat → prod, showing each plan, the manifests it changed, the
# final `get stages`, and the state ref's `git log` with its trailers.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
freightline="$root/${FREIGHTLINE:-.build/debug/freightline}"
example="$root/fixtures/examples/kargo-demo"

work=$(mktemp -d "${TMPDIR:-/tmp}/freightline-demo.XXXXXX")
export FREIGHTLINE_SERVICES_DIR="$work/services"
cleanup() {
  "$root/scripts/services.sh" stop git >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '\033[2m$ %s\033[0m\n' "$*" | sed "s#$root/##g; s#$work#\$DEMO#g"; "$@"; }
git_() { git -c user.name=demo -c user.email=demo@localhost -c commit.gpgsign=false "$@"; }

step "Start a local Git server (smart HTTP, basic auth, loopback only)"
eval "$("$root/scripts/services.sh" start git | grep '^export ')"
repo="$FREIGHTLINE_GIT_URL/kargo-demo-gitops.git"
bare="$FREIGHTLINE_GIT_REPOS/kargo-demo-gitops.git"
echo "repository: $repo (credentials in FREIGHTLINE_GIT_USERNAME / FREIGHTLINE_GIT_PASSWORD)"

step "Seed the GitOps repository: kargo/ (pipeline), env/<stage>/ (what promotions edit), base/"
seed="$work/seed"
mkdir -p "$seed"
cp -R "$example/kargo" "$example/env" "$example/base" "$seed/"
sed -i "s#http://localhost:8080/git/kargo-demo-gitops.git#$repo#" "$seed/kargo/promotion-task.yaml"
git init -q --bare -b main "$bare"
git -C "$bare" config http.receivepack true
git_ -C "$seed" init -q -b main
git_ -C "$seed" add -A
git_ -C "$seed" commit -q -m "Kargo pipeline: test → uat → prod-us, prod-eu"
git_ -C "$seed" push -q "$bare" main
git -C "$bare" log --oneline main

# Until Warehouse discovery exists, new Freight is written into the state ref directly.
add_freight() {  # add_freight FILE MESSAGE
  local state="$work/state-seed"
  rm -rf "$state"
  if git -C "$bare" rev-parse -q --verify freightline/state >/dev/null; then
    git_ clone -q --branch freightline/state "$bare" "$state"
  else
    git_ init -q -b freightline/state "$state"
  fi
  mkdir -p "$state/kargo-demo/freight"
  sed '/^status:/,$d' "$1" >"$state/kargo-demo/freight/$(basename "$1")"
  git_ -C "$state" add -A
  git_ -C "$state" commit -q -m "$2"
  git_ -C "$state" push -q "$bare" HEAD:freightline/state
}

flags=(--repo "$repo" --config-path kargo --cache-dir "$work/cache")
freight_110=676d6d808fa3c349ef099a63227ed9b323322406
freight_120=102583fb627e901d3ae6f69cac3e1373177a5619

step "validate the pipeline"
run "$freightline" validate --config "$seed/kargo"

step "09:00 — guestbook 1.1.0 is discovered; the plan"
add_freight "$example/state/kargo-demo/freight/$freight_110.yaml" "Discovered guestbook 1.1.0"
run "$freightline" plan "${flags[@]}" --now 2026-11-23T09:00:00Z

step "09:00 — reconcile: test and uat auto-promote (clone, kustomize-set-image, commit, push)"
run "$freightline" reconcile "${flags[@]}" --now 2026-11-23T09:00:00Z
git -C "$bare" log --format='%h %s' main
git -C "$bare" show --format= main -- env/uat/kustomization.yaml

step "09:30 — the plan: production waits on uat's verification (run by a later release) and on a person"
run "$freightline" plan "${flags[@]}" --now 2026-11-23T09:30:00Z

step "09:40 — guestbook 1.2.0 is discovered; four reconciles start at once (overlapping cron jobs)"
add_freight "$example/state/kargo-demo/freight/$freight_120.yaml" "Discovered guestbook 1.2.0"
for i in 1 2 3 4; do
  "$freightline" reconcile "${flags[@]}" --now 2026-11-23T09:40:00Z --cache-dir "$work/cache-$i" \
    >"$work/race-$i.out" 2>"$work/race-$i.err" &
done
wait
for i in 1 2 3 4; do echo "--- run $i"; cat "$work/race-$i.out"; done
promoted=$(git -C "$bare" log --format='%s %(trailers:key=Freightline-Freight,valueonly,separator=)' freightline/state \
  | grep '^Promoted' | grep -c "$freight_120" || true)
echo "promotions of 1.2.0 recorded in the state ref: $promoted (test and uat, each exactly once)"

step "10:00 — a person approves 1.1.0 for prod-us and asks for it; the next reconcile runs it"
run "$freightline" approve "${flags[@]}" --now 2026-11-23T09:59:00Z --actor alice --stage prod-us --freight $freight_110
run "$freightline" promote "${flags[@]}" --now 2026-11-23T09:59:30Z --actor alice --stage prod-us --freight $freight_110
run "$freightline" reconcile "${flags[@]}" --now 2026-11-23T10:00:00Z

step "get stages"
run "$freightline" get stages "${flags[@]}" --now 2026-11-23T10:00:00Z

step "The GitOps repository's main branch: one commit per promotion"
git -C "$bare" log --format='%h %s' main

step "The state ref is the audit trail: git log freightline/state (with trailers)"
git -C "$bare" log --format='%h %s%n%(trailers:only,unfold)' freightline/state | sed '/^$/d' | head -60
