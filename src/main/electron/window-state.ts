// The window's size and position, kept in a small JSON file between runs.
// No Electron import: the file is read and checked here, the window applies it.

import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './json-file';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 };
const MIN_SIZE = { width: 640, height: 400 };
/** Larger than any screen we expect; a bigger value in the file is damage, not a screen. */
const MAX_EXTENT = 32_768;

/** The saved state, or undefined when the file is missing, damaged or implausible. */
export function parseWindowState(text: string): WindowState | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const state = value as Partial<WindowState> | null;
  const bounds = state?.bounds;
  if (!bounds || typeof state?.maximized !== 'boolean') return undefined;
  const numbers = [bounds.x, bounds.y, bounds.width, bounds.height];
  if (!numbers.every((n) => Number.isInteger(n) && Math.abs(n) <= MAX_EXTENT)) return undefined;
  if (bounds.width < MIN_SIZE.width || bounds.height < MIN_SIZE.height) return undefined;
  return { bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height },
    maximized: state.maximized };
}

/**
 * Keeps the saved bounds only when their title bar strip lies on one of the screens now
 * attached, so a window last seen on an unplugged monitor is not opened out of reach.
 */
export function fitToScreens(state: WindowState, workAreas: Rectangle[]): WindowState | undefined {
  const { x, y, width } = state.bounds;
  const titleBar = { x: x + 40, y: y + 10, width: Math.max(1, width - 80), height: 1 };
  const visible = workAreas.some((area) => overlaps(titleBar, area));
  return visible ? state : undefined;
}

function overlaps(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height
    && b.y < a.y + a.height;
}

export function readWindowState(path: string): WindowState | undefined {
  try {
    return parseWindowState(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeWindowState(path: string, state: WindowState): void {
  writeFileAtomic(path, `${JSON.stringify(state)}\n`);
}
