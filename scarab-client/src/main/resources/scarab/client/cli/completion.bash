
# Scarab's completion over picocli's, for the words picocli cannot know: session names (from the
# daemon on the -S socket, and never starting one to complete a word), key names after
# send-keys' target, the shells after completion, and nothing where a new name goes.
_scarab_key_names="@KEY_NAMES@"
_scarab_session_names() { scarab --no-start "$@" ls --names 2>/dev/null; }
_scarab_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  local sub="" socket=() i w n=0 valued="" words="" end_of_options=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="${COMP_WORDS[i]}"
    case "$w" in
      -S|--socket) socket=(-S "${COMP_WORDS[i+1]}"); ((i++)) ;;
      --socket=*) socket=(-S "${w#--socket=}") ;;
      -*) ;;
      *) sub="$w"; break ;;
    esac
  done
  case "$sub" in
    new|new-session) valued="-c -C --size -e --env --detach-keys" ;;
    attach|a|attach-session) valued="--detach-keys" ;;
    capture|capture-pane) valued="-S -E" ;;
  esac
  # Global options, the command's name, its options and their values: picocli's completion.
  if [ -z "$sub" ] || [[ "$cur" == -* ]] || [[ " $valued " == *" $prev "* ]]; then
    _complete_scarab "$@"
    return
  fi
  # How many words before this one are the command's arguments (not options or their values).
  for ((i = i + 1; i < COMP_CWORD; i++)); do
    w="${COMP_WORDS[i]}"
    if ((end_of_options)); then ((n++)); continue; fi
    case "$w" in
      --) end_of_options=1 ;;
      --*=*) ;;
      -*) [[ " $valued " == *" $w "* ]] && ((i++)) ;;
      *) ((n++)) ;;
    esac
  done
  case "$sub" in
    attach|a|attach-session|detach|detach-client|capture|capture-pane|wait|rename|rename-session)
      ((n == 0)) && words="$(_scarab_session_names "${socket[@]}")" ;;
    kill|kill-session) words="$(_scarab_session_names "${socket[@]}")" ;;
    send-keys|send)
      if ((n == 0)); then words="$(_scarab_session_names "${socket[@]}")"; else words="$_scarab_key_names"; fi ;;
    completion) ((n == 0)) && words="bash zsh" ;;
    new|new-session) ;;
    *) _complete_scarab "$@"; return ;;
  esac
  # A name, a key or a shell goes here: never fall back to file names.
  type compopt &>/dev/null && compopt +o default 2>/dev/null
  COMPREPLY=()
  while IFS= read -r w; do COMPREPLY+=("$w"); done < <(compgen -W "$words" -- "$cur")
}
complete -F _scarab_complete -o default scarab
