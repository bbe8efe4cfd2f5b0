// The selected packet's layers and fields; selecting a field highlights its bytes.

import { useState } from 'react';
import type { DetailField, DetailLayer } from '../../../shared/api';
import { useAppStore } from '../store/app-store';
import { useSelectedPacket } from '../store/selected-packet';

export function DetailTree() {
  const packet = useSelectedPacket();
  const highlight = useAppStore((s) => s.highlight);
  const highlightBytes = useAppStore((s) => s.highlightBytes);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());

  if (!packet) return <div className="detail-tree empty" aria-label="Packet details" />;

  const toggle = (name: string) => setCollapsed((old) => {
    const next = new Set(old);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    return next;
  });
  const isLit = (field: DetailField) => highlight?.offset === field.offset &&
    highlight?.length === field.length;

  return (
    <div className="detail-tree" role="tree" aria-label="Packet details">
      {packet.layers.map((layer: DetailLayer) => {
        const open = !collapsed.has(layer.name);
        return (
          <div key={`${layer.name}@${layer.offset}`} role="treeitem" aria-expanded={open}
            aria-selected={false} className="detail-layer">
            <div className="detail-layer-label" onClick={() => {
              toggle(layer.name);
              highlightBytes({ offset: layer.offset, length: layer.length });
            }}>
              <span className="twisty">{open ? '▾' : '▸'}</span>{layer.label}
            </div>
            {open && (
              <div role="group">
                {layer.fields.map((field, index) => (
                  <div key={index} role="treeitem" aria-selected={isLit(field)}
                    className={`detail-field${isLit(field) ? ' selected' : ''}`}
                    data-field={field.name}
                    onClick={() => highlightBytes({ offset: field.offset, length: field.length })}>
                    {field.label}: {String(field.value)}
                  </div>
                ))}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
