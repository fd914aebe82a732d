#!/usr/bin/env bash
# make demo: validate the bundled example pipeline, draw its graph, and plan it from a hand-made state.
set -euo pipefail
cd "$(dirname "$0")/.."
freightline=${FREIGHTLINE:-.build/debug/freightline}
example=fixtures/examples/kargo-demo

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "freightline validate --config $example/kargo"
"$freightline" validate --config "$example/kargo"

step "freightline graph --config $example/kargo --format mermaid"
"$freightline" graph --config "$example/kargo" --format mermaid

step "freightline graph --config $example/kargo --format dot"
"$freightline" graph --config "$example/kargo" --format dot

step "freightline validate --config $example/kargo --format json (summary)"
"$freightline" validate --config "$example/kargo" --format json | sed -n '/"summary"/,$p'

step "freightline plan --config $example/kargo --state $example/state --now 2026-11-23T09:15:00Z"
"$freightline" plan --config "$example/kargo" --state "$example/state" --now 2026-11-23T09:15:00Z

step "... and an hour later, when Freight has soaked in uat (markdown, as a pull-request comment)"
"$freightline" plan --config "$example/kargo" --state "$example/state" --now 2026-11-23T10:15:00Z --format markdown

step "freightline get stages --config $example/kargo --state $example/state"
"$freightline" get stages --config "$example/kargo" --state "$example/state" --now 2026-11-23T09:15:00Z
