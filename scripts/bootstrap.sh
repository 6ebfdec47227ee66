#!/usr/bin/env bash
# Makes a fresh Debian machine ready for the demo and the tests. Idempotent and quick when
# everything is already there: it only installs or starts what is missing.
set -euo pipefail

say() { echo "bootstrap: $*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

missing=()
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
command -v ffprobe >/dev/null || missing+=(ffmpeg)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu)
[ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)

if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  if command -v apt-get >/dev/null && as_root true 2>/dev/null; then
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "cannot install ${missing[*]}: run as root on Debian, or install them yourself" >&2
    exit 1
  fi
fi

pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_up() { (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; }

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    say "starting PostgreSQL"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  else
    say "PostgreSQL is not installed here: run 'docker compose up -d postgres redis'" >&2
    exit 1
  fi
fi
if ! redis_up; then
  if command -v redis-server >/dev/null; then
    say "starting Redis"
    as_root mkdir -p /var/lib/redis /var/log/redis
    as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/afs.log
  else
    say "Redis is not installed here: run 'docker compose up -d postgres redis'" >&2
    exit 1
  fi
fi
for _ in $(seq 1 50); do pg_up && redis_up && break; sleep 0.2; done
pg_up || { say "PostgreSQL did not come up on 127.0.0.1:5432" >&2; exit 1; }
redis_up || { say "Redis did not come up on 127.0.0.1:6379" >&2; exit 1; }
say "ready (ffmpeg, espeak-ng, fonts, PostgreSQL, Redis)"
