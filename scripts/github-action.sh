#!/usr/bin/env bash
# Freightline's GitHub Action (action.yml at the repository root runs this; so can any
# workflow step). Inputs arrive as FREIGHTLINE_* environment variables, the rest from the
# GitHub Actions environment (GITHUB_WORKSPACE, GITHUB_EVENT_NAME, GITHUB_STEP_SUMMARY,
# GITHUB_OUTPUT, RUNNER_TEMP; GITHUB_TOKEN for the pull-request comment).
#
# plan mode:      validate (annotations) → plan --format markdown and json → job summary,
#                 step outputs plan-markdown / plan-json → on a pull request, the plan comment
# reconcile mode: reconcile → job summary, step output reconcile-summary
#
# With the default repo (the checked-out workspace) the state branch is copied from
# origin/<state-ref> into a local branch first, because freightline reads the workspace's
# branches; after reconcile, the state branch is pushed back to origin if it moved.
#
# Exit status: the first failing command's (freightline's codes: 1 failure, 2 bad input,
# 3 conflict, 4 environment). The token is never printed: this script never reads it.
set -euo pipefail

mode="${FREIGHTLINE_MODE:-plan}"
config_path="${FREIGHTLINE_CONFIG_PATH:-kargo}"
state_ref="${FREIGHTLINE_STATE_REF:-freightline/state}"
credentials="${FREIGHTLINE_CREDENTIALS:-}"
now="${FREIGHTLINE_NOW:-}"
base="${FREIGHTLINE_BASE:-}"
diff="${FREIGHTLINE_DIFF:-true}"
comment="${FREIGHTLINE_COMMENT:-true}"
comment_key="${FREIGHTLINE_COMMENT_KEY:-}"
freightline="${FREIGHTLINE_BIN:-freightline}"
extra_args="${FREIGHTLINE_EXTRA_ARGS:-}"
workspace="${GITHUB_WORKSPACE:-$PWD}"
repo="${FREIGHTLINE_REPO:-$workspace}"
out_dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
summary_file="${GITHUB_STEP_SUMMARY:-/dev/null}"
output_file="${GITHUB_OUTPUT:-/dev/null}"
run_url=""
if [[ -n "${GITHUB_SERVER_URL:-}" && -n "${GITHUB_REPOSITORY:-}" && -n "${GITHUB_RUN_ID:-}" ]]; then
  run_url="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"
fi

fail() { # status message
  echo "::error title=freightline::$2"
  exit "$1"
}

case "$mode" in plan | reconcile) ;; *) fail 2 "mode must be plan or reconcile, not '$mode'" ;; esac
for flag in diff comment; do
  case "${!flag}" in true | false) ;; *) fail 2 "$flag must be true or false, not '${!flag}'" ;; esac
done
command -v "$freightline" >/dev/null 2>&1 ||
  fail 4 "freightline not found ('$freightline'): install it first, or give its path in the freightline input"
mkdir -p "$out_dir"

# Word-split on blanks (no quoting rules): extra-args is for plain flags such as --offline.
read -r -a extra <<<"$extra_args" || true

common=(--repo "$repo" --config-path "$config_path" --state-ref "$state_ref")
[[ -n "$now" ]] && common+=(--now "$now")
[[ -n "$credentials" ]] && common+=(--credentials "$credentials")

status=0
note_status() { # keeps the first non-zero status
  if ((status == 0 && $1 != 0)); then status=$1; fi
}

# The workspace's local state branch, from origin's (fetched if the checkout lacks it).
# Prints the branch's commit afterwards, empty when there is none yet.
local_state_ref() {
  git -C "$workspace" rev-parse --git-dir >/dev/null 2>&1 || return 0
  local remote_ref="refs/remotes/origin/$state_ref" local_ref="refs/heads/$state_ref" remote_sha local_sha
  if ! git -C "$workspace" rev-parse -q --verify "$remote_ref^{commit}" >/dev/null; then
    git -C "$workspace" fetch --quiet --no-tags origin "+refs/heads/$state_ref:$remote_ref" >/dev/null 2>&1 || true
  fi
  remote_sha="$(git -C "$workspace" rev-parse -q --verify "$remote_ref^{commit}" || true)"
  local_sha="$(git -C "$workspace" rev-parse -q --verify "$local_ref^{commit}" || true)"
  if [[ -n "$remote_sha" ]] && { [[ -z "$local_sha" ]] || git -C "$workspace" merge-base --is-ancestor "$local_sha" "$remote_sha"; }; then
    git -C "$workspace" update-ref "$local_ref" "$remote_sha"
    local_sha="$remote_sha"
  fi
  echo "$local_sha"
}

if [[ "$mode" == plan ]]; then
  [[ "$repo" == "$workspace" ]] && local_state_ref >/dev/null

  validate_status=0
  (cd "$workspace" && "$freightline" validate --config "$config_path" --format github) || validate_status=$?
  if ((validate_status != 0)); then
    echo "freightline: validate exited $validate_status (see the annotations); planning anyway" >&2
  fi
  note_status "$validate_status"

  markdown="$out_dir/freightline-plan.md"
  json="$out_dir/freightline-plan.json"
  plan=(plan "${common[@]}")
  [[ -n "$base" ]] && plan+=(--base "$base")
  [[ "$diff" == true ]] && plan+=(--diff)

  plan_status=0
  "$freightline" "${plan[@]}" ${extra[@]+"${extra[@]}"} --format markdown >"$markdown" || plan_status=$?
  if ((plan_status != 0)); then
    # A stale plan comment would mislead: say that this commit could not be planned.
    {
      echo "## Freightline plan"
      echo
      echo ":x: \`freightline plan\` failed (exit $plan_status) for this commit; see the annotations and the job log${run_url:+ of [this run]($run_url)}."
    } >"$markdown"
  fi
  note_status "$plan_status"

  json_status=0
  "$freightline" "${plan[@]}" ${extra[@]+"${extra[@]}"} --format json >"$json" || json_status=$?
  note_status "$json_status"

  { cat "$markdown"; echo; } >>"$summary_file"
  { echo "plan-markdown=$markdown"; echo "plan-json=$json"; } >>"$output_file"

  case "${GITHUB_EVENT_NAME:-}" in
    pull_request | pull_request_target)
      if [[ "$comment" == true ]]; then
        comment_args=(github-comment --body-file "$markdown")
        [[ -n "$comment_key" ]] && comment_args+=(--key "$comment_key")
        comment_status=0
        "$freightline" "${comment_args[@]}" || comment_status=$?
        ((comment_status == 0)) || echo "::error title=freightline::the plan comment could not be posted (exit $comment_status)"
        note_status "$comment_status"
      fi
      ;;
    *) echo "freightline: event ${GITHUB_EVENT_NAME:-(none)} is not a pull request; no comment" >&2 ;;
  esac
else
  before=""
  [[ "$repo" == "$workspace" ]] && before="$(local_state_ref)"

  report="$out_dir/freightline-reconcile.txt"
  set +e
  "$freightline" reconcile "${common[@]}" ${extra[@]+"${extra[@]}"} | tee "$report"
  reconcile_status=${PIPESTATUS[0]}
  set -e
  note_status "$reconcile_status"

  {
    echo "## Freightline reconcile"
    echo
    ((reconcile_status == 0)) || echo "\`freightline reconcile\` exited $reconcile_status${run_url:+ ([log]($run_url))}."
    echo
    echo '```text'
    cat "$report"
    echo '```'
  } >>"$summary_file"
  echo "reconcile-summary=$report" >>"$output_file"

  # State written to the workspace's branch goes back to origin, never forced: a run that
  # lost a race fails here instead of overwriting (the workflow's concurrency group avoids it).
  if [[ "$repo" == "$workspace" ]] && git -C "$workspace" rev-parse --git-dir >/dev/null 2>&1; then
    after="$(git -C "$workspace" rev-parse -q --verify "refs/heads/$state_ref^{commit}" || true)"
    if [[ -n "$after" && "$after" != "$before" ]]; then
      if ! git -C "$workspace" push --quiet origin "refs/heads/$state_ref:refs/heads/$state_ref"; then
        echo "::error title=freightline::pushing $state_ref to origin failed; another run may have moved it"
        note_status 3
      fi
    fi
  fi
fi

exit "$status"
