// A draggable bar between two panes; arrow keys move it too. Sizes are fractions.

import type { KeyboardEvent, PointerEvent } from 'react';

interface SplitterProps {
  label: string;
  orientation: 'horizontal' | 'vertical';
  /** The first pane's share of the container, 0 to 1. */
  value: number;
  onChange(value: number): void;
}

export function Splitter({ label, orientation, value, onChange }: SplitterProps) {
  const vertical = orientation === 'vertical';

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const bar = event.currentTarget;
    const box = bar.parentElement?.getBoundingClientRect();
    if (!box) return;
    event.preventDefault();
    bar.setPointerCapture(event.pointerId);
    const onMove = (e: globalThis.PointerEvent) => onChange(vertical
      ? (e.clientX - box.left) / box.width
      : (e.clientY - box.top) / box.height);
    const onUp = () => {
      bar.removeEventListener('pointermove', onMove);
      bar.removeEventListener('pointerup', onUp);
    };
    bar.addEventListener('pointermove', onMove);
    bar.addEventListener('pointerup', onUp);
  };

  const onKey = (event: KeyboardEvent) => {
    const keys: Record<string, number> = vertical
      ? { ArrowLeft: -0.05, ArrowRight: 0.05 } : { ArrowUp: -0.05, ArrowDown: 0.05 };
    const step = keys[event.key];
    if (step === undefined) return;
    event.preventDefault();
    onChange(value + step);
  };

  return (
    <div className={`splitter splitter-${orientation}`} role="separator" tabIndex={0}
      aria-label={label} aria-orientation={orientation}
      aria-valuemin={15} aria-valuemax={85} aria-valuenow={Math.round(value * 100)}
      onPointerDown={onPointerDown} onKeyDown={onKey} />
  );
}
