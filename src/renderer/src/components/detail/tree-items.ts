// The detail tree flattened into the rows on screen, for keyboard moves and copying.

import type { DetailField, DetailLayer } from '../../../../shared/api';

export interface TreeItem {
  key: string;
  level: 1 | 2;
  layer: DetailLayer;
  field?: DetailField;
  /** Index of the layer's item, for Left on a field. */
  parent: number;
}

export const layerKey = (layer: DetailLayer) => `${layer.name}@${layer.offset}`;

export function visibleItems(layers: DetailLayer[], collapsed: ReadonlySet<string>): TreeItem[] {
  const items: TreeItem[] = [];
  for (const layer of layers) {
    const parent = items.length;
    const key = layerKey(layer);
    items.push({ key, level: 1, layer, parent });
    if (collapsed.has(key)) continue;
    layer.fields.forEach((field, index) =>
      items.push({ key: `${key}/${index}`, level: 2, layer, field, parent }));
  }
  return items;
}

export const fieldLine = (field: DetailField) => `${field.label}: ${String(field.value)}`;

/** The whole tree as indented text, every layer expanded. */
export function treeAsText(layers: DetailLayer[]): string {
  return layers.map((layer) => [layer.label, ...layer.fields.map((f) => `    ${fieldLine(f)}`)]
    .join('\n')).join('\n') + '\n';
}
