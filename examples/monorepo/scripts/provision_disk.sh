#!/usr/bin/env bash
# Prepare the local NVMe disk of a new GPU node for model weights and build caches.
# Creates a GPT partition table with one ext4 partition and mounts it at /var/lib/models.
#
# Usage: sudo scripts/provision_disk.sh /dev/nvme1n1
set -euo pipefail

DEVICE="${1:?usage: provision_disk.sh DEVICE}"
MOUNT_POINT=/var/lib/models
LABEL=models

if mount | grep -q "^${DEVICE}"; then
  echo "refusing: ${DEVICE} is mounted" >&2
  exit 1
fi

read -r -p "This erases ${DEVICE}. Type the device name to continue: " answer
[[ "${answer}" == "${DEVICE}" ]] || { echo "aborted" >&2; exit 1; }

parted --script "${DEVICE}" mklabel gpt
parted --script "${DEVICE}" mkpart primary ext4 1MiB 100%
partprobe "${DEVICE}"
sleep 2

PARTITION="${DEVICE}p1"
[[ -b "${PARTITION}" ]] || PARTITION="${DEVICE}1"

mkfs.ext4 -F -L "${LABEL}" "${PARTITION}"
mkdir -p "${MOUNT_POINT}"
grep -q "LABEL=${LABEL}" /etc/fstab || echo "LABEL=${LABEL} ${MOUNT_POINT} ext4 defaults,noatime 0 2" >> /etc/fstab
mount "${MOUNT_POINT}"
echo "mounted ${PARTITION} (GPT, ext4) at ${MOUNT_POINT}"
