#!/usr/bin/env bash
# Installs the Debian packages Freightline needs to build and test, only those missing.
set -euo pipefail

packages=(libgit2-dev libyaml-dev pkg-config git nginx-light fcgiwrap apache2-utils openssh-server openssh-client docker-registry skopeo curl prometheus)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # Tests run their own Prometheus on a free loopback port (scripts/services.sh);
  # the package's system service (port 9090) is not wanted, so a freshly
  # installed one is stopped and disabled where systemd runs.
  if [[ " ${missing[*]} " == *" prometheus "* ]] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    $sudo systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "error: swift is not on PATH. Install Swift 6.1 or newer (https://www.swift.org/install/linux/) and retry." >&2
  exit 4
fi
