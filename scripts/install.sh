#!/usr/bin/env bash
# Installs Scarab for the current user: jars in PREFIX/share/scarab/lib, the launcher in PREFIX/bin,
# the man page, bash and zsh completions, and the systemd user unit. Never touches sessions.
#   scripts/install.sh [--prefix DIR] [--dist DIR]    (defaults: ~/.local; build from this checkout)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
prefix="$HOME/.local"
dist=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --dist) dist="$2"; shift 2 ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"

if [ -z "$dist" ]; then
  if [ -d "$here/scarab-dist/target/dist" ] && [ -z "$(find "$here"/scarab-*/src/main "$here/pom.xml" -newer "$here/scarab-dist/target/dist" -print -quit)" ]; then
    dist="$here/scarab-dist/target/dist"
  else
    echo "install.sh: building (mvn package)..." >&2
    (cd "$here" && mvn -B -q -DskipTests package) >&2
    dist="$here/scarab-dist/target/dist"
  fi
fi
[ -d "$dist/lib" ] || { echo "install.sh: $dist is not a Scarab distribution (no lib/)" >&2; exit 1; }

share="$prefix/share/scarab"
rm -rf "$share/lib"
mkdir -p "$share/lib" "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions"
cp "$dist"/lib/*.jar "$dist/lib/client.classpath" "$share/lib/"
rm -rf "$share/native" && cp -r "$dist/native" "$share/native"
install -m 0755 "$dist/bin/scarab" "$prefix/bin/scarab"
install -m 0644 "$dist/share/man/man1/scarab.1" "$prefix/share/man/man1/scarab.1"
install -m 0644 "$dist/share/bash-completion/completions/scarab" "$prefix/share/bash-completion/completions/scarab"
install -m 0644 "$dist/share/zsh/site-functions/_scarab" "$prefix/share/zsh/site-functions/_scarab"
unit_dir="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"
mkdir -p "$unit_dir"
sed "s|^ExecStart=.*|ExecStart=$prefix/bin/scarab daemon --foreground|" "$dist/share/scarab/scarab.service" > "$unit_dir/scarab.service"
rm -f "$share/scarab-client.jsa"
# Record the class-data sharing archive now (the launcher knows the flags and class path it must
# match), so the first `scarab ls` is already fast.
"$prefix/bin/scarab" __train
[ -f "$share/scarab-client.jsa" ] || echo "install.sh: no class-data archive (slower start)" >&2
