#!/bin/sh
# A fake nvidia-smi for @aima/gpu-nvml's tests (POSIX sh + awk, so a call costs milliseconds).
# The test helper copies it as `nvidia-smi` into a directory with its fixture files:
#   gpus.tsv, apps.tsv  one cell per line: <record>\t<field>\t<value as printed, units included>
#   refused.txt         fields this "older" nvidia-smi rejects (exit 2), one per line
#   failure.txt         exit code on line 1, then what to print: every call fails like a broken driver
#   q.txt               what `nvidia-smi -q` prints
# Supported: --query-gpu=..., --query-compute-apps=..., --format=csv[,noheader][,nounits], -q.
# A cell the fixture lacks prints as [N/A]; nounits strips " MiB", " %", " W" and " MHz".
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)

if [ -s "$here/failure.txt" ]; then
  code=$(head -n 1 "$here/failure.txt")
  tail -n +2 "$here/failure.txt"
  exit "$code"
fi

query=""
table=""
format="csv"
for arg in "$@"; do
  case "$arg" in
    --query-gpu=*) query=${arg#--query-gpu=}; table=gpus ;;
    --query-compute-apps=*) query=${arg#--query-compute-apps=}; table=apps ;;
    --format=*) format=${arg#--format=} ;;
    -q) cat "$here/q.txt"; exit 0 ;;
    *) echo "fake nvidia-smi does not implement: $arg"; exit 2 ;;
  esac
done
if [ -z "$query" ]; then
  echo "fake nvidia-smi: no query given"
  exit 2
fi

for field in $(echo "$query" | tr ',' ' '); do
  if [ -f "$here/refused.txt" ] && grep -qx -- "$field" "$here/refused.txt"; then
    echo "Field \"$field\" is not a valid field to query."
    exit 2
  fi
done

exec awk -F '\t' -v query="$query" -v format="$format" '
  { cell[$1, $2] = $3; if ($1 + 1 > records) records = $1 + 1 }
  END {
    n = split(query, fields, ",")
    if (format !~ /noheader/) {
      line = ""
      for (i = 1; i <= n; i++) line = line (i > 1 ? ", " : "") fields[i]
      print line
    }
    for (r = 0; r < records; r++) {
      line = ""
      for (i = 1; i <= n; i++) {
        value = ((r, fields[i]) in cell) ? cell[r, fields[i]] : "[N/A]"
        if (format ~ /nounits/) sub(/ (MiB|%|W|MHz)$/, "", value)
        line = line (i > 1 ? ", " : "") value
      }
      print line
    }
  }' "$here/$table.tsv"
