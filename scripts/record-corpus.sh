#!/usr/bin/env bash
# Records real programs' terminal output into scarab-daemon/src/test/resources/vt-corpus/NAME.COLSxROWS.bytes,
# for the differential test against tmux. Each program runs under util-linux `script` (which logs the
# raw bytes the program wrote) inside a private tmux server, driven with send-keys as a person would.
# Re-run to refresh; the recordings are inputs, the expected screens are always computed live by tmux.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/scarab-daemon/src/test/resources/vt-corpus"
work="$(mktemp -d)"
sock="scarab-rec-$$"
conf="$work/tmux.conf"
printf 'set -g status off\nset -g history-limit 10000\n' > "$conf"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$out"

wait_for() { # pane text timeout
  local deadline=$((SECONDS + ${3:-20}))
  until tmux -L "$sock" capture-pane -p -t "$1" | grep -qF -- "$2"; do
    [ $SECONDS -lt $deadline ] || { echo "timeout waiting for '$2' in $1" >&2; tmux -L "$sock" capture-pane -p -t "$1" >&2; return 1; }
    sleep 0.1
  done
}

# record NAME COLS ROWS 'COMMAND' -- then the caller drives it and calls finish NAME
record() {
  local name=$1 cols=$2 rows=$3 cmd=$4
  tmux -L "$sock" -f "$conf" new-session -d -s "$name" -x "$cols" -y "$rows" \
    "cd '$work'; env TERM=xterm-256color LANG=C.UTF-8 script -q -f --log-out '$work/$name.raw' -c \"$cmd\"; sleep 100000"
}
finish() { # NAME COLS ROWS
  sleep 0.5
  tmux -L "$sock" kill-session -t "$1"
  # script(1) frames its log with a "Script started ..." line and a "Script done ..." line: keep only the program's bytes.
  python3 - "$work/$1.raw" "$out/$1.$2x$3.bytes" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
if data.startswith(b'Script started'):
    data = data[data.index(b'\n') + 1:]
end = data.rfind(b'\nScript done')
if end >= 0:
    data = data[:end]
open(sys.argv[2], 'wb').write(data)
PY
  echo "recorded $1 ($2x$3, $(wc -c < "$out/$1.$2x$3.bytes") bytes)"
}

# A file to edit and page through, and a small git history with branches and merges.
seq 1 300 | sed 's/^/line number /; s/$/ with some text to make it wider than a narrow terminal/' > "$work/long.txt"
cat > "$work/code.py" <<'PY'
import sys

def greet(name: str) -> str:
    """Return a greeting."""
    return f"hello, {name}!"  # a comment

if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(greet(arg))
PY
( cd "$work" && git init -q repo && cd repo && git config user.email t@example.com && git config user.name T &&
  for i in 1 2 3; do echo "$i" > f$i; git add f$i; git commit -qm "commit $i on main"; done &&
  git checkout -qb feature && for i in 4 5; do echo "$i" > f$i; git add f$i; git commit -qm "feature work $i"; done &&
  git checkout -q master 2>/dev/null || git checkout -q main; echo x >> f1; git commit -qam "fix on main" &&
  git merge -q --no-edit feature && echo y >> f2 && git commit -qam "after merge" )

record vim-edit 100 30 "vim -u NONE -N -c 'syntax on' -c 'set number' code.py"
wait_for vim-edit 'greet'
tmux -L "$sock" send-keys -t vim-edit 'G' 'o' 'print("added in vim")' Escape ':split long.txt' Enter
wait_for vim-edit 'line number 1 '
tmux -L "$sock" send-keys -t vim-edit '50G' 'V' '5j' Escape ':q!' Enter ':q!' Enter
finish vim-edit 100 30

record vim-open 80 24 "vim -u NONE -N -c 'syntax on' long.txt"
wait_for vim-open 'line number 1 '
tmux -L "$sock" send-keys -t vim-open 'C-f' 'C-f' '/number 77' Enter
wait_for vim-open 'line number 77'
finish vim-open 80 24

record less-search 80 24 "less -R long.txt"
wait_for less-search 'line number 1 '
tmux -L "$sock" send-keys -t less-search 'Space' 'Space' '/number 1[0-9]0' Enter
wait_for less-search 'line number 1'
tmux -L "$sock" send-keys -t less-search 'q'
finish less-search 80 24

record man-ls 90 30 "man ls"
wait_for man-ls 'NAME' 30
tmux -L "$sock" send-keys -t man-ls 'Space' 'Space'
sleep 0.3
finish man-ls 90 30

record top-refresh 120 40 "top -d 0.3"
wait_for top-refresh 'PID' 20
sleep 1.2
tmux -L "$sock" send-keys -t top-refresh 'q'
finish top-refresh 120 40

record git-log-graph 80 24 "git -C repo log --graph --color=always --oneline --all --decorate"
sleep 1
finish git-log-graph 80 24

record python-repl 80 24 "python3 -q"
wait_for python-repl '>>>'
tmux -L "$sock" send-keys -t python-repl 'x = [i * i for i in range(10)]' Enter 'print(x)' Enter '1/0' Enter
wait_for python-repl 'ZeroDivisionError'
tmux -L "$sock" send-keys -t python-repl 'exit()' Enter
finish python-repl 80 24

record ls-color 60 15 "ls --color=always -la /usr/bin"
sleep 1
finish ls-color 60 15

record bash-prompt 70 12 "bash --norc -i"
sleep 0.5
tmux -L "$sock" send-keys -t bash-prompt "PS1='\\[\\e[1;32m\\]\\u@host\\[\\e[0m\\]:\\[\\e[34m\\]\\w\\[\\e[0m\\]\\$ '" Enter
tmux -L "$sock" send-keys -t bash-prompt 'for i in 1 2 3; do printf "\e[3${i}mcolor $i\e[0m\n"; done' Enter 'echo 中文 😀 e\u0301' Enter 'exit' Enter
sleep 0.5
finish bash-prompt 70 12
