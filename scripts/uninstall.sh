#!/usr/bin/env bash
# Removes what install.sh installed. Sessions, their history and the config stay where they are.
#   scripts/uninstall.sh [--prefix DIR]    (default: ~/.local)
set -euo pipefail
prefix="$HOME/.local"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix|--prefix=*)
      if [ "$1" = --prefix ]; then v="${2:-}"; shift $(( $# >= 2 ? 2 : 1 )); else v="${1#--prefix=}"; shift; fi
      if [ -z "$v" ] || [ "${v#-}" != "$v" ]; then
        echo "uninstall.sh: --prefix needs a directory, like --prefix ~/.local; see uninstall.sh --help" >&2
        exit 2
      fi
      prefix="$v" ;;
    -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
    *) echo "uninstall.sh: unknown option $1; see uninstall.sh --help" >&2; exit 2 ;;
  esac
done
unit="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user/scarab.service"
if [ -f "$unit" ] && command -v systemctl >/dev/null 2>&1; then
  systemctl --user disable --now scarab >/dev/null 2>&1 || true
fi
rm -f "$prefix/bin/scarab" "$prefix/share/man/man1/scarab.1" "$prefix/share/bash-completion/completions/scarab" \
  "$prefix/share/zsh/site-functions/_scarab" "$unit"
# Only what install.sh put there: with the default prefix, ~/.local/share/scarab also holds sessions.db.
rm -rf "$prefix/share/scarab/lib" "$prefix/share/scarab/native"
rm -f "$prefix/share/scarab/scarab-client.jsa" "$prefix/share/scarab/scarab-daemon.jsa"
# The directories install.sh made, when nothing else is in them now (rmdir leaves the others).
for d in "$prefix/share/scarab" "$prefix/share/man/man1" "$prefix/share/man" \
    "$prefix/share/bash-completion/completions" "$prefix/share/bash-completion" \
    "$prefix/share/zsh/site-functions" "$prefix/share/zsh" "$prefix/share" "$prefix/bin" "$prefix" \
    "$(dirname "$unit")" "$(dirname "$(dirname "$unit")")"; do
  rmdir "$d" 2>/dev/null || true
done
echo "Removed Scarab from $prefix. Your sessions database is untouched: ${XDG_DATA_HOME:-$HOME/.local/share}/scarab/sessions.db"
