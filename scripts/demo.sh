#!/usr/bin/env bash
# make demo: a full pipeline on the bundled example, against a real Git server on loopback.
#
# Starts `git http-backend` behind nginx (basic auth) and an OCI registry
# (docker-registry) on free 127.0.0.1 ports, seeds a GitOps repository from
# fixtures/examples/kargo-demo (Kargo YAML + env/<stage> kustomizations) and an application
# repository, pushes guestbook images to the registry, starts Prometheus (scraping itself
# and a static exporter whose folder also serves uat's health document), then runs
# `freightline reconcile` with --now moving forward: the Warehouse discovers the images and
# the app's commits and makes Freight, which walks through test → uat (verified by a web
# check and a Prometheus query, measured across runs) → prod.
# Then a pull request is planned with --base and --diff, a Friday freeze holds prod, and
# `history` shows the audit trail. Shows each plan, the manifests it changed, the final `get stages`, and the state ref's
# `git log` with its trailers.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
freightline="$root/${FREIGHTLINE:-.build/debug/freightline}"
example="$root/fixtures/examples/kargo-demo"

work=$(mktemp -d "${TMPDIR:-/tmp}/freightline-demo.XXXXXX")
export FREIGHTLINE_SERVICES_DIR="$work/services"
cleanup() {
  "$root/scripts/services.sh" stop git >/dev/null 2>&1 || true
  "$root/scripts/services.sh" stop registry >/dev/null 2>&1 || true
  "$root/scripts/services.sh" stop prometheus >/dev/null 2>&1 || true
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

step "Start a local OCI registry (docker-registry, loopback only)"
eval "$("$root/scripts/services.sh" start registry | grep '^export ')"
registry="$FREIGHTLINE_REGISTRY_HOST"
echo "registry: $registry"

step "Start Prometheus (loopback only); its exporter also serves uat's health document"
eval "$("$root/scripts/services.sh" start prometheus | grep '^export ')"
mkdir -p "$FREIGHTLINE_PROMETHEUS_EXPORTER_DIR/uat"
printf '{"status":"ok"}\n' >"$FREIGHTLINE_PROMETHEUS_EXPORTER_DIR/uat/healthz"
echo "prometheus: $FREIGHTLINE_PROMETHEUS_URL; health check: $FREIGHTLINE_PROMETHEUS_EXPORTER_URL/uat/healthz"

# push_image TAG CREATED: a one-layer guestbook image, pushed with the registry's HTTP API.
push_image() {
  local tag="$1" created="$2" dir blob digest location separator
  dir=$(mktemp -d "$work/image.XXXXXX")
  printf 'guestbook %s\n' "$tag" >"$dir/layer"
  printf '{"architecture":"amd64","os":"linux","created":"%s","rootfs":{"type":"layers","diff_ids":[]}}' "$created" >"$dir/config"
  for blob in layer config; do
    digest="sha256:$(sha256sum "$dir/$blob" | cut -d' ' -f1)"
    location=$(curl -fsS -X POST -D - -o /dev/null "http://$registry/v2/demo/guestbook/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
    case "$location" in http*) ;; *) location="http://$registry$location" ;; esac
    separator='?'; case "$location" in *\?*) separator='&' ;; esac
    curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$dir/$blob" "$location${separator}digest=$digest" >/dev/null
    printf '%s %s\n' "$digest" "$(stat -c %s "$dir/$blob")" >"$dir/$blob.ref"
  done
  read -r layer_digest layer_size <"$dir/layer.ref"
  read -r config_digest config_size <"$dir/config.ref"
  curl -fsS -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
    --data-binary "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"$config_digest\",\"size\":$config_size},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"$layer_digest\",\"size\":$layer_size}]}" \
    "http://$registry/v2/demo/guestbook/manifests/$tag" >/dev/null
  echo "pushed $registry/demo/guestbook:$tag"
}

step "Seed the GitOps repository: kargo/ (pipeline), env/<stage>/ (what promotions edit), base/"
seed="$work/seed"
mkdir -p "$seed"
cp -R "$example/kargo" "$example/env" "$example/base" "$seed/"
sed -i "s#http://localhost:8080/git/kargo-demo-gitops.git#$repo#" "$seed/kargo/promotion-task.yaml"
# The example names its image localhost:5000/demo/guestbook; here the registry is on a free port.
grep -rl 'localhost:5000' "$seed" | xargs sed -i "s#localhost:5000#$registry#g"
# uat's AnalysisTemplate checks http://localhost:8081/uat/healthz and queries http://localhost:9090.
sed -i "s#http://localhost:8081#$FREIGHTLINE_PROMETHEUS_EXPORTER_URL#; s#http://localhost:9090#$FREIGHTLINE_PROMETHEUS_URL#" \
  "$seed/kargo/analysis-template.yaml"
# The Warehouse also follows the application's source repository on the same Git server.
app_bare="$FREIGHTLINE_GIT_REPOS/guestbook-app.git"
git init -q --bare -b main "$app_bare"
git -C "$app_bare" config http.receivepack true
git_ init -q -b main "$work/app"
printf 'print("guestbook")\n' >"$work/app/main.py"
git_ -C "$work/app" add -A
git_ -C "$work/app" commit -q -m "Guestbook: first release"
git_ -C "$work/app" push -q "$app_bare" main
cat >>"$seed/kargo/warehouse.yaml" <<EOF
  - git:
      repoURL: $FREIGHTLINE_GIT_URL/guestbook-app.git
      branch: main
EOF
git init -q --bare -b main "$bare"
git -C "$bare" config http.receivepack true
git_ -C "$seed" init -q -b main
git_ -C "$seed" add -A
git_ -C "$seed" commit -q -m "Kargo pipeline: test → uat → prod-us, prod-eu"
git_ -C "$seed" push -q "$bare" main
git -C "$bare" log --oneline main

flags=(--repo "$repo" --config-path kargo --cache-dir "$work/cache")

step "validate the pipeline"
run "$freightline" validate --config "$seed/kargo"

step "08:55 — guestbook 1.0.0 and 1.1.0 are in the registry; the plan shows the Freight the Warehouse would make"
push_image 1.0.0 2026-11-20T09:00:00Z
push_image 1.1.0 2026-11-23T08:55:00Z
run "$freightline" plan "${flags[@]}" --now 2026-11-23T09:00:00Z

step "09:00 — reconcile: the Warehouse discovers 1.1.0, test and uat auto-promote (clone, kustomize-set-image, commit, push); uat starts verifying"
run "$freightline" reconcile "${flags[@]}" --now 2026-11-23T09:00:00Z
git -C "$bare" log --format='%h %s' main
git -C "$bare" show --format= main -- env/uat/kustomization.yaml

step "09:00:10 — the plan: uat is verifying (web check + Prometheus query); production waits for it"
run "$freightline" plan --offline "${flags[@]}" --now 2026-11-23T09:00:10Z

step "09:00:30 and 09:01 — later runs take the measurements that are due; nothing waited in between"
run "$freightline" reconcile "${flags[@]}" --now 2026-11-23T09:00:30Z
run "$freightline" reconcile "${flags[@]}" --now 2026-11-23T09:01:00Z
run "$freightline" get stages "${flags[@]}" --now 2026-11-23T09:01:00Z

step "09:30 — the plan: 1.1.0 is verified in uat; production now waits on its soak (1h) and on a person"
run "$freightline" plan --offline "${flags[@]}" --now 2026-11-23T09:30:00Z

step "09:40 — guestbook 1.2.0 is pushed and the app gets a commit; four reconciles start at once (overlapping cron jobs)"
push_image 1.2.0 2026-11-23T09:35:00Z
printf 'print("guestbook, now with comments")\n' >"$work/app/main.py"
git_ -C "$work/app" commit -q -am "Guestbook: comments"
git_ -C "$work/app" push -q "$app_bare" main
for i in 1 2 3 4; do
  "$freightline" reconcile "${flags[@]}" --now 2026-11-23T09:40:00Z --cache-dir "$work/cache-$i" \
    >"$work/race-$i.out" 2>"$work/race-$i.err" &
done
wait
for i in 1 2 3 4; do echo "--- run $i"; cat "$work/race-$i.out"; done
# freight_of TAG: the name of the Freight whose image has that tag, from the state ref.
freight_of() {
  git -C "$bare" grep -l "tag: $1\$" freightline/state -- kargo-demo/freight | sed 's#.*/##; s#\.yaml$##' | head -n 1
}
freight_120=$(freight_of 1.2.0)
promoted=$(git -C "$bare" log --format='%s %(trailers:key=Freightline-Freight,valueonly,separator=)' freightline/state \
  | grep '^Promoted' | grep -c "$freight_120" || true)
echo "promotions of 1.2.0 recorded in the state ref: $promoted (test and uat, each exactly once)"

freight_110=$(freight_of 1.1.0)

step "10:00 — a person approves 1.1.0 for prod-us and asks for it; the next reconcile runs it"
run "$freightline" approve "${flags[@]}" --now 2026-11-23T09:59:00Z --actor alice --stage prod-us --freight "$freight_110"
run "$freightline" promote "${flags[@]}" --now 2026-11-23T09:59:30Z --actor alice --stage prod-us --freight "$freight_110"
run "$freightline" reconcile "${flags[@]}" --now 2026-11-23T10:00:00Z

step "get stages"
run "$freightline" get stages "${flags[@]}" --now 2026-11-23T10:00:00Z

step "A pull request: prod-eu soaks for 15m and promotes by itself; the plan shows what that changes and the exact manifest diff"
pr="$work/pr"
git_ clone -q "$bare" "$pr"
git_ -C "$pr" checkout -q -b shorter-soak
# prod-eu's soak (the first requiredSoakTime after its name) becomes 15m; a policy turns on
# its auto-promotion.
awk '/name: prod-eu/ {eu=1} eu && !done && /requiredSoakTime: 1h/ {sub(/1h/, "15m"); done=1} {print}' \
  "$pr/kargo/stages.yaml" >"$pr/stages.yaml.new" && mv "$pr/stages.yaml.new" "$pr/kargo/stages.yaml"
sed -i 's/^  promotionWindows:$/  - stageSelector:\n      name: prod-eu\n    autoPromotionEnabled: true\n  promotionWindows:/' \
  "$pr/kargo/project.yaml"
git_ -C "$pr" commit -q -am "prod-eu: 15m soak, auto-promotion"
git_ -C "$pr" push -q origin shorter-soak
refs_before=$(git -C "$bare" for-each-ref --format='%(refname) %(objectname)')
run "$freightline" plan "${flags[@]}" --ref shorter-soak --base main --diff --offline --format markdown --now 2026-11-23T10:00:00Z
refs_after=$(git -C "$bare" for-each-ref --format='%(refname) %(objectname)')
[ "$refs_before" = "$refs_after" ] && echo "the remote's refs are unchanged: nothing was pushed"

step "Friday 18:30 in Paris — the friday-freeze Deny window holds prod while test and uat keep moving"
push_image 1.3.0 2026-11-27T17:00:00Z
run "$freightline" reconcile "${flags[@]}" --now 2026-11-27T17:30:00Z
run "$freightline" approve "${flags[@]}" --now 2026-11-27T17:31:00Z --actor bob --stage prod-us --freight "$freight_120"
run "$freightline" promote "${flags[@]}" --now 2026-11-27T17:31:30Z --actor bob --stage prod-us --freight "$freight_120"
run "$freightline" reconcile "${flags[@]}" --now 2026-11-27T17:32:00Z
run "$freightline" plan --offline "${flags[@]}" --now 2026-11-27T17:33:00Z

step "Monday 09:05 in Paris — the window has closed; the queued request for prod-us runs"
run "$freightline" reconcile "${flags[@]}" --now 2026-11-30T08:05:00Z

step "Monday 09:10 — carol rolls uat back to the Freight it held before; the next reconcile runs uat's steps for it"
run "$freightline" rollback "${flags[@]}" --now 2026-11-30T08:10:00Z --actor carol --stage uat
run "$freightline" reconcile "${flags[@]}" --now 2026-11-30T08:11:00Z
git -C "$bare" show --format= main -- env/uat/kustomization.yaml

step "The audit trail: freightline history (prod-us, then uat since Monday)"
run "$freightline" history "${flags[@]}" --stage prod-us
run "$freightline" history "${flags[@]}" --stage uat --since 2026-11-30T00:00:00Z

step "The GitOps repository's main branch: one commit per promotion"
git -C "$bare" log --format='%h %s' main

step "The state ref is the audit trail: git log freightline/state (with trailers)"
git -C "$bare" log -n 12 --format='%h %s%n%(trailers:only,unfold)' freightline/state | sed '/^$/d'
