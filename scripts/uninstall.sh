#!/usr/bin/env bash
# Removes what install.sh installed. Sessions, their history and the config stay where they are.
#   scripts/uninstall.sh [--prefix DIR]    (default: ~/.local)
set -euo pipefail
prefix="$HOME/.local"
case "${1:-}" in
  --prefix) prefix="$2" ;;
  --prefix=*) prefix="${1#--prefix=}" ;;
  "") ;;
  *) echo "uninstall.sh: unknown option $1" >&2; exit 2 ;;
esac
unit="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user/scarab.service"
if [ -f "$unit" ] && command -v systemctl >/dev/null 2>&1; then
  systemctl --user disable --now scarab >/dev/null 2>&1 || true
fi
rm -f "$prefix/bin/scarab" "$prefix/share/man/man1/scarab.1" "$prefix/share/bash-completion/completions/scarab" \
  "$prefix/share/zsh/site-functions/_scarab" "$unit"
# Only what install.sh put there: with the default prefix, ~/.local/share/scarab also holds sessions.db.
rm -rf "$prefix/share/scarab/lib" "$prefix/share/scarab/native"
rm -f "$prefix/share/scarab/scarab-client.jsa"
rmdir "$prefix/share/scarab" 2>/dev/null || true
echo "Removed Scarab from $prefix. Your sessions database is untouched: ${XDG_DATA_HOME:-$HOME/.local/share}/scarab/sessions.db"
