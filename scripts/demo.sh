#!/usr/bin/env bash
# make demo: validate the bundled example pipeline, draw its graph, summarise it.
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
