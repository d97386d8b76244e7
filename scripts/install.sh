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
cp "$dist"/lib/*.jar "$share/lib/"
install -m 0755 "$dist/bin/scarab" "$prefix/bin/scarab"
install -m 0644 "$dist/share/man/man1/scarab.1" "$prefix/share/man/man1/scarab.1"
install -m 0644 "$dist/share/bash-completion/completions/scarab" "$prefix/share/bash-completion/completions/scarab"
install -m 0644 "$dist/share/zsh/site-functions/_scarab" "$prefix/share/zsh/site-functions/_scarab"
unit_dir="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"
mkdir -p "$unit_dir"
sed "s|^ExecStart=.*|ExecStart=$prefix/bin/scarab daemon --foreground|" "$dist/share/scarab/scarab.service" > "$unit_dir/scarab.service"
rm -f "$share/scarab-client.jsa"
# Record the class-data sharing archive now, so the first `scarab ls` is already fast.
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java_bin" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms8m -Xmx128m -Xss512k -XX:-UsePerfData \
  -XX:ArchiveClassesAtExit="$share/scarab-client.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp "$share/lib/*" scarab.client.Main __train >/dev/null 2>&1 || echo "install.sh: no class-data archive (slower start)" >&2

cat <<MSG
Installed Scarab in $prefix:
  $prefix/bin/scarab                (make sure $prefix/bin is on your PATH)
  $share/lib/
  $unit_dir/scarab.service
To run the daemon under systemd, and keep sessions alive after you log out:
  systemctl --user daemon-reload && systemctl --user enable --now scarab
  loginctl enable-linger "\$USER"
MSG
