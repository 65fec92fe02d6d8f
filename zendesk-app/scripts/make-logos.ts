/**
 * Draws the logos Zendesk requires (logo.png 320x320, logo-small.png 128x128) into public/,
 * which the sidebar build copies into assets/. Run: npx tsx zendesk-app/scripts/make-logos.ts
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { encodePng } from "./png";

const BACKGROUND: [number, number, number, number] = [31, 115, 183, 255];
const INK: [number, number, number, number] = [255, 255, 255, 255];
const CLEAR: [number, number, number, number] = [0, 0, 0, 0];

/** A rounded tile with a bridge: a deck on two pillars, linking two systems. */
function bridge(size: number) {
  const unit = size / 32;
  const radius = 6 * unit;
  return (x: number, y: number): [number, number, number, number] => {
    const dx = Math.max(radius - x, 0, x - (size - 1 - radius));
    const dy = Math.max(radius - y, 0, y - (size - 1 - radius));
    if (dx * dx + dy * dy > radius * radius) return CLEAR;
    const deck = y >= 13 * unit && y < 16 * unit && x >= 5 * unit && x < 27 * unit;
    const pillar = y >= 16 * unit && y < 25 * unit && ((x >= 8 * unit && x < 11 * unit) || (x >= 21 * unit && x < 24 * unit));
    const arch = y >= 7 * unit && y < 13 * unit && Math.abs(Math.hypot(x - 16 * unit, y - 16 * unit) - 8.5 * unit) < 1.5 * unit;
    return deck || pillar || arch ? INK : BACKGROUND;
  };
}

const publicDir = fileURLToPath(new URL("../public/", import.meta.url));
for (const [name, size] of [["logo.png", 320], ["logo-small.png", 128]] as const) {
  writeFileSync(`${publicDir}${name}`, encodePng(size, size, bridge(size)));
  console.log(`wrote ${publicDir}${name} (${size}x${size})`);
}
