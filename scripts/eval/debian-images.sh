#!/usr/bin/env bash
# Pictures the harnesses were never tuned on, from Debian's own packages (the only image source
# this project's machines reach besides ../shared): KDE Plasma's wallpapers (photos and
# renderings), GNOME's backgrounds (textures and patterns, light versions only: each dark one is
# the same design) and scikit-image's sample photos. Written as JPEG (quality 92, long side ≤ 2048)
# to <out-dir>, named by source:
#
#   scripts/eval/debian-images.sh /tmp/unseen && pnpm eval:images /tmp/unseen
#
# Needs apt-get (download only: nothing is installed) and ImageMagick's convert.
set -euo pipefail
out=${1:?usage: debian-images.sh <out-dir>}
command -v convert >/dev/null || { echo "debian-images.sh: ImageMagick's convert is missing (apt-get install imagemagick)" >&2; exit 1; }
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q gnome-backgrounds plasma-workspace-wallpapers python3-skimage >/dev/null)
for deb in "$work"/*.deb; do dpkg -x "$deb" "$work/x"; done
to_jpeg() { convert "$1" -resize "2048x2048>" -quality 92 "$out/$2.jpg" 2>/dev/null || echo "skipped $1" >&2; }

for dir in "$work"/x/usr/share/wallpapers/*/; do
  biggest=$(ls -S "$dir"contents/images/* 2>/dev/null | head -1)
  [ -n "$biggest" ] && to_jpeg "$biggest" "w_$(basename "$dir")"
done
shopt -s nullglob
for f in "$work"/x/usr/share/backgrounds/gnome/*-l.{webp,jpg,png}; do # the SVG ones are drawings
  name=$(basename "$f"); to_jpeg "$f" "g_${name%.*}"
done
skimage="$work/x/usr/lib/python3/dist-packages/skimage/data"
for name in astronaut brick camera cell chelsea coffee coins color grass gravel horse hubble_deep_field ihc logo microaneurysms moon motorcycle_left page retina rocket text; do
  to_jpeg "$(ls "$skimage/$name".* | head -1)" "s_$name"
done
echo "$(ls "$out" | wc -l) pictures in $out"
