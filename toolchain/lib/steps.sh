# Shared by the setup scripts: one line when a long step starts, a line a minute while it runs, one with
# its time when it ends; its output goes to the build log, whose tail is printed only on failure.
# The caller sets `log` (the build log) and `say` (how a line is printed) before sourcing this file.
elapsed() { local s=$(( $(date +%s) - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }
wait_for() { # $1 = pid, $2 = seconds: true once the process has ended
  local i
  for ((i = 0; i < $2; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 1
  done
  ! kill -0 "$1" 2>/dev/null
}
step() { # $1 = what, rest = command
  local what="$1" started pid status
  shift
  started=$(date +%s)
  say "$what ..."
  printf '\n== %s (%s)\n' "$what" "$(date -u +%FT%TZ)" >>"$log"
  "$@" >>"$log" 2>&1 &
  pid=$!
  while ! wait_for "$pid" 60; do say "  $what: $(elapsed "$started") so far"; done
  wait "$pid"
  status=$?
  if [ "$status" -ne 0 ]; then
    say "$what failed after $(elapsed "$started"); the end of $log:"
    tail -n 40 "$log" >&2
    return "$status"
  fi
  say "$what: done in $(elapsed "$started")"
}
