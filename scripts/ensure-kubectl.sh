#!/usr/bin/env bash
# Unpacks Debian's kubectl (package kubernetes-client) into .cache/kubectl and prints its path.
#
# NOTE: /usr/bin/kubectl on these machines may belong to another package, and
# kubernetes-client ships the same path, so we never install it: we download the
# .deb and extract it under the repository instead. Idempotent.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_dir="${repo_root}/.cache/kubectl"
kubectl_path="${target_dir}/usr/bin/kubectl"

if [[ -x "${kubectl_path}" ]]; then
  echo "${kubectl_path}"
  exit 0
fi

download_dir="$(mktemp -d)"
trap 'rm -rf "${download_dir}"' EXIT

download() {
  (cd "${download_dir}" && apt-get download kubernetes-client >&2)
}

if ! download; then
  # The package lists may be missing or stale; refresh them once and retry.
  echo "apt-get download failed; running apt-get update and retrying" >&2
  if [[ "$(id -u)" == "0" ]]; then
    apt-get update >&2
  else
    sudo apt-get update >&2
  fi
  download
fi

shopt -s nullglob
debs=("${download_dir}"/kubernetes-client_*.deb)
if [[ ${#debs[@]} -eq 0 ]]; then
  echo "no kubernetes-client .deb was downloaded" >&2
  exit 1
fi

mkdir -p "${target_dir}"
dpkg-deb -x "${debs[0]}" "${target_dir}"

if [[ ! -x "${kubectl_path}" ]]; then
  echo "the package did not contain usr/bin/kubectl" >&2
  exit 1
fi
echo "${kubectl_path}"
