#!/usr/bin/env bash
# Installs Scarab for the current user: jars in PREFIX/share/scarab/lib, the launcher in PREFIX/bin,
# the man page, bash and zsh completions, and the systemd user unit. Never touches sessions.
#   scripts/install.sh [--prefix DIR] [--dist DIR]    (defaults: ~/.local; build from this checkout)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
prefix="$HOME/.local"
dist=""
# The value of option $1, or a usage error: $2 is the next argument, if any.
value() {
  if [ $# -lt 2 ] || [ -z "$2" ] || [ "${2#-}" != "$2" ]; then
    echo "install.sh: $1 needs a directory, like $1 ~/.local; see install.sh --help" >&2
    exit 2
  fi
  printf '%s' "$2"
}
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$(value "$@")" || exit 2; shift 2 ;;
    --prefix=*) prefix="$(value --prefix "${1#--prefix=}")" || exit 2; shift ;;
    --dist) dist="$(value "$@")" || exit 2; shift 2 ;;
    --dist=*) dist="$(value --dist "${1#--dist=}")" || exit 2; shift ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1; see install.sh --help" >&2; exit 2 ;;
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
sed -e "s|^ExecStart=.*|ExecStart=$prefix/bin/scarab daemon --foreground|" \
    -e "s|^ExecReload=.*|ExecReload=$prefix/bin/scarab daemon upgrade|" "$dist/share/scarab/scarab.service" > "$unit_dir/scarab.service"
rm -f "$share/scarab-client.jsa"
# Record the class-data sharing archive now (the launcher knows the flags and class path it must
# match), so the first `scarab ls` is already fast.
"$prefix/bin/scarab" __train
[ -f "$share/scarab-client.jsa" ] || echo "install.sh: no class-data archive (slower start)" >&2
# And the daemon's (a training daemon in a temporary directory, a few seconds), so the first
# daemon start is fast too; else a client records it after that start.
rm -f "$share/scarab-daemon.jsa"
"$prefix/bin/scarab" __train-daemon >/dev/null 2>&1 || echo "install.sh: no class-data archive for the daemon yet (recorded after its first start)" >&2

echo "Installed Scarab in $prefix:"
echo "  $prefix/bin/scarab, its jars in $share,"
echo "  the man page, bash and zsh completions, and the systemd user unit $unit_dir/scarab.service"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Note: $prefix/bin is not on your PATH; add it, e.g. to ~/.bashrc or ~/.profile:"
     echo "  export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
case "$prefix/share" in
  "${XDG_DATA_HOME:-$HOME/.local/share}"|/usr/local/share|/usr/share) ;;  # where bash-completion looks
  *) echo "Note: for bash completion, add to ~/.bashrc:"
     echo "  source \"$prefix/share/bash-completion/completions/scarab\"" ;;
esac
echo "Optional: systemctl --user enable --now scarab   (the daemon starts with your session)"
