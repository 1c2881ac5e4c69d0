#!/usr/bin/env bash
# Prepares this machine to act as the test server for the integration tests (run as root; idempotent):
#   - users: mist (in group docker), mistnogroup (not in group docker), mistnodocker (chrooted, no Docker)
#   - a busybox chroot for mistnodocker that simulates "a server without Docker installed"
#   - the local base image mist-test/busybox:latest (no registry is reachable, so it is made with docker import)
set -euo pipefail

readonly TEST_PASSWORD='mist-test-password'
readonly CHROOT_DIR='/var/lib/mist-test/chroot'
readonly BASE_IMAGE='mist-test/busybox:latest'
readonly BUSYBOX='/bin/busybox'

say() { printf '[setup-test-host] %s\n' "$*"; }
die() { printf '[setup-test-host] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root"
"$BUSYBOX" true 2>/dev/null || die "$BUSYBOX missing or broken: apt-get install busybox-static"

# --- users -------------------------------------------------------------------------------------------

ensure_group() {
  local group=$1
  if getent group "$group" >/dev/null; then return; fi
  groupadd --system "$group"
  say "created group $group"
}

# ensure_user NAME SHELL [SUPPLEMENTARY_GROUP]
ensure_user() {
  local name=$1 shell=$2 group=${3:-}
  if ! getent passwd "$name" >/dev/null; then
    useradd --create-home --shell "$shell" ${group:+--groups "$group"} "$name"
    say "created user $name${group:+ (groups: $group)}"
  else
    [[ $(getent passwd "$name" | cut -d: -f7) == "$shell" ]] || usermod --shell "$shell" "$name"
    if [[ -n $group ]] && ! id -nG "$name" | tr ' ' '\n' | grep -qx "$group"; then
      usermod --append --groups "$group" "$name"
      say "added $name to group $group"
    fi
    mkdir -p "/home/$name" && chown "$name:" "/home/$name"
    say "user $name already exists"
  fi
  echo "$name:$TEST_PASSWORD" | chpasswd
}

ensure_not_in_group() {
  local name=$1 group=$2
  if id -nG "$name" | tr ' ' '\n' | grep -qx "$group"; then
    gpasswd --delete "$name" "$group" >/dev/null
    say "removed $name from group $group"
  fi
}

ensure_group docker
ensure_user mist /bin/bash docker
ensure_user mistnogroup /bin/bash
ensure_not_in_group mistnogroup docker
# /bin/sh is resolved inside the chroot, where it is busybox.
ensure_user mistnodocker /bin/sh
ensure_not_in_group mistnodocker docker

# --- busybox root filesystem (shared by the chroot and the base image) --------------------------------

# populate_busybox_root DIR: busybox as /bin/busybox with relative applet links, so the tree works
# wherever it is mounted (chroot or container).
populate_busybox_root() {
  local root=$1 applet
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/usr"
  install -m 0755 "$BUSYBOX" "$root/bin/busybox"
  for applet in $("$BUSYBOX" --list); do
    [[ $applet == busybox ]] || ln -sfn busybox "$root/bin/$applet"
  done
  ln -sfn bin "$root/sbin"
  ln -sfn ../bin "$root/usr/bin"
  ln -sfn ../bin "$root/usr/sbin"
  chmod 1777 "$root/tmp"
  chmod 0700 "$root/root"
}

# --- chroot for mistnodocker ---------------------------------------------------------------------------

build_chroot() {
  mkdir -p "$CHROOT_DIR"
  populate_busybox_root "$CHROOT_DIR"
  mkdir -p "$CHROOT_DIR/dev" "$CHROOT_DIR/home/mistnodocker"
  local node name major minor
  for node in null:1:3 zero:1:5 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r name major minor <<<"$node"
    [[ -c $CHROOT_DIR/dev/$name ]] || { rm -f "$CHROOT_DIR/dev/$name"; mknod -m 0666 "$CHROOT_DIR/dev/$name" c "$major" "$minor"; }
  done
  getent passwd root mistnodocker >"$CHROOT_DIR/etc/passwd"
  getent group root mistnodocker >"$CHROOT_DIR/etc/group"
  chown mistnodocker: "$CHROOT_DIR/home/mistnodocker"
  # sshd's ChrootDirectory demands every path component be root-owned and not group/world writable.
  chown root:root /var/lib/mist-test "$CHROOT_DIR" "$CHROOT_DIR/bin" "$CHROOT_DIR/etc" "$CHROOT_DIR/dev" "$CHROOT_DIR/home"
  chmod 0755 /var/lib/mist-test "$CHROOT_DIR" "$CHROOT_DIR/bin" "$CHROOT_DIR/etc" "$CHROOT_DIR/dev" "$CHROOT_DIR/home"
  # The point of this chroot: no Docker inside it.
  rm -rf "$CHROOT_DIR/var/run/docker.sock" "$CHROOT_DIR/bin/docker"
  chroot "$CHROOT_DIR" /bin/sh -c 'echo ok' >/dev/null || die "chroot $CHROOT_DIR does not run a shell"
  say "chroot ready at $CHROOT_DIR ($(ls "$CHROOT_DIR/bin" | wc -l) entries in /bin)"
}

build_chroot

# --- base image ----------------------------------------------------------------------------------------

build_base_image() {
  if ! docker info >/dev/null 2>&1; then
    say "WARNING: docker engine not reachable, skipping $BASE_IMAGE (start dockerd and re-run)"
    return
  fi
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    say "image $BASE_IMAGE already present"
  else
    local staging
    staging=$(mktemp -d)
    # shellcheck disable=SC2064 # expand now: the variable is local
    trap "rm -rf '$staging'" RETURN
    populate_busybox_root "$staging/rootfs"
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$staging/rootfs/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$staging/rootfs/etc/group"
    tar --numeric-owner --owner=0 --group=0 -C "$staging/rootfs" -cf "$staging/rootfs.tar" .
    docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["sh"]' \
      --message 'busybox-static from Debian, for Mist Desktop tests' \
      "$staging/rootfs.tar" "$BASE_IMAGE" >/dev/null
    say "imported $BASE_IMAGE"
  fi
  [[ $(docker run --rm "$BASE_IMAGE" echo ok) == ok ]] || die "$BASE_IMAGE does not run"
  say "verified: docker run --rm $BASE_IMAGE echo ok"
}

build_base_image

# Mist's working directory on a server (app checkouts under /var/lib/mist/projects), owned by the
# SSH user that deploys — what `sudo install -d -o USER /var/lib/mist` does on a real server.
install -d -o mist -g mist -m 0755 /var/lib/mist
say "/var/lib/mist belongs to mist"

# The fixture repositories (test/fixtures/git-repo.ts) are owned by root; git refuses to read a
# repository owned by another user unless it is marked safe.
if ! git config --file /home/mist/.gitconfig --get-all safe.directory 2>/dev/null | grep -qx '\*'; then
  git config --file /home/mist/.gitconfig --add safe.directory '*'
  chown mist:mist /home/mist/.gitconfig
fi
say "git of mist trusts the fixture repositories"

# sshd's privilege separation directory (normally made by systemd, which is not running here).
mkdir -p /run/sshd && chmod 0755 /run/sshd

say "done"
