// One segment of the ladder: an arrow from the sender's line down to the receiver's, with
// tcpdump's words for it above, and reassembly's remarks in the warning colour.

import { memo } from 'react';
import type { LadderSegment } from '../../../../shared/conversation-api';
import { explainTcpFlags } from '../../format/tcp-flags';
import { ARROW_HEIGHT, segmentLabel, segmentTime } from './ladder-rows';

/** Where the two hosts' lines stand, in percent of the diagram's width. */
export const CLIENT_X = 8;
export const SERVER_X = 92;
const ARROW_START_Y = 19;
const ARROW_END_Y = ARROW_HEIGHT - 5;

export const MARKER_IDS = {
  client: 'ladder-head-client',
  server: 'ladder-head-server',
  warning: 'ladder-head-warning',
} as const;

interface Props {
  segment: LadderSegment;
  index: number;
  top: number;
  selected: boolean;
  active: boolean;
  onChoose(index: number): void;
}

function LadderArrowView({ segment, index, top, selected, active, onChoose }: Props) {
  const label = segmentLabel(segment);
  const side = segment.fromClient ? 'client' : 'server';
  const warned = segment.notes.length > 0;
  const [from, to] = segment.fromClient ? [CLIENT_X, SERVER_X] : [SERVER_X, CLIENT_X];
  const direction = segment.fromClient ? 'client to server' : 'server to client';
  const notes = warned ? `, ${segment.notes.join(', ')}` : '';
  const className = ['ladder-arrow', side, selected && 'selected', warned && 'warned']
    .filter(Boolean).join(' ');

  return (
    <button type="button" className={className} style={{ top, height: ARROW_HEIGHT }}
      tabIndex={active ? 0 : -1} data-index={index} data-packet={segment.packet}
      data-phase={segment.phase} aria-current={selected ? 'true' : undefined}
      aria-label={`Packet ${segment.packet}, ${direction}: ${label}${notes}`}
      title={explainTcpFlags(`Flags [${segment.flags}]`) ?? undefined}
      onClick={() => onChoose(index)}>
      <span className="ladder-gutter">
        <span className="ladder-number">{segment.packet}</span>
        <span className="ladder-time">{segmentTime(segment.time)}</span>
      </span>
      <span className="ladder-lane">
        <svg className="ladder-svg" width="100%" height={ARROW_HEIGHT} aria-hidden="true">
          <line x1={`${from}%`} y1={ARROW_START_Y} x2={`${to}%`} y2={ARROW_END_Y}
            markerEnd={`url(#${MARKER_IDS[warned ? 'warning' : side]})`} />
        </svg>
        <span className="ladder-words">
          <span className="ladder-label">{label}</span>
          {segment.notes.map((note) => (
            <span key={note} className="ladder-note">{note}</span>
          ))}
        </span>
      </span>
    </button>
  );
}

export const LadderArrow = memo(LadderArrowView);

/** The arrowheads, defined once for every arrow of the page. */
export function LadderMarkers() {
  return (
    <svg className="ladder-markers" width="0" height="0" aria-hidden="true">
      <defs>
        {Object.entries(MARKER_IDS).map(([kind, id]) => (
          <marker key={id} id={id} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7"
            markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" className={`ladder-head-${kind}`} />
          </marker>
        ))}
      </defs>
    </svg>
  );
}
