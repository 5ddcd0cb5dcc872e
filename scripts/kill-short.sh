#!/usr/bin/env bash
# The long form of the kill test in tests/it/store_recovery.rs
# (`short_commands_killed_at_random_moments_lose_nothing_acknowledged`): short commands
# (score --note, note, new, list, finalize/reopen, export) each get SIGKILL or SIGINT at a
# random moment of their start-up, write or exit; after each, the next command must open the
# store with every change acknowledged (exit 0) in it, and SIGINT must give exit 0 or 130.
#   scripts/kill-short.sh [RUNS]        default 300 runs (CI runs 36)
#   ONSITE_KILL_SEED=N scripts/kill-short.sh   replays the run that printed "seed N"
# The seed and a summary (acknowledged changes, exits 130, notices printed on reopening)
# are printed at the start and the end. Delays adapt to how long one command takes, so a
# release build (used here, as for the other long forms) is as good a test as a debug one.
set -euo pipefail
cd "$(dirname "$0")/.."

export ONSITE_KILL_RUNS=${1:-${ONSITE_KILL_RUNS:-300}}
exec cargo test --release --test it -- --exact --nocapture \
  store_recovery::short_commands_killed_at_random_moments_lose_nothing_acknowledged
