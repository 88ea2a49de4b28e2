#!/usr/bin/env python3
"""Draws the Teams app icons (no image library needed): color.png 192x192 (a white check mark in a speech bubble on
the accent colour) and outline.png 32x32 (the same shape, white on transparent, as Teams requires)."""
import math
import os
import struct
import zlib

ACCENT = (15, 108, 189)  # #0F6CBD
HERE = os.path.dirname(os.path.abspath(__file__))


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def coverage(u, v, samples=4):
    """How much of the unit-square pixel at (u, v) (in 0..1 icon coordinates) the shape covers: bubble, tail, and
    the check mark cut out of it. Returns (bubble, check) coverage."""
    bubble = check = 0
    for i in range(samples):
        for j in range(samples):
            x, y = u[0] + (i + 0.5) / samples * u[1], v[0] + (j + 0.5) / samples * v[1]
            # Rounded rectangle bubble.
            cx, cy, hw, hh, r = 0.5, 0.45, 0.38, 0.30, 0.12
            qx, qy = max(abs(x - cx) - (hw - r), 0), max(abs(y - cy) - (hh - r), 0)
            inside = math.hypot(qx, qy) <= r
            # Tail, bottom left.
            if not inside and 0.22 <= x <= 0.42 and 0.70 <= y <= 0.88:
                inside = (y - 0.70) <= (0.42 - x) * 0.9
            mark = min(segment_distance(x, y, 0.33, 0.46, 0.45, 0.58), segment_distance(x, y, 0.45, 0.58, 0.68, 0.33)) <= 0.055
            bubble += inside
            check += inside and mark
    n = samples * samples
    return bubble / n, check / n


def color_pixel(size):
    def pixel(x, y):
        _, check = coverage((x / size, 1 / size), (y / size, 1 / size))
        # Full-bleed accent square with a white check; the bubble is drawn lighter.
        bubble, _ = coverage((x / size, 1 / size), (y / size, 1 / size))
        base = [int(c + (255 - c) * 0.18 * bubble) for c in ACCENT]
        return tuple(int(b + (255 - b) * check) for b in base) + (255,)
    return pixel


def outline_pixel(size):
    def pixel(x, y):
        bubble, check = coverage((x / size, 1 / size), (y / size, 1 / size))
        alpha = max(0.0, bubble - check)
        return (255, 255, 255, int(255 * alpha))
    return pixel


if __name__ == "__main__":
    png(os.path.join(HERE, "color.png"), 192, color_pixel(192))
    png(os.path.join(HERE, "outline.png"), 32, outline_pixel(32))
    print("wrote color.png (192x192) and outline.png (32x32)")
