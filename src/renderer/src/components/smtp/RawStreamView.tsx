// The conversation's bytes as ASCII in two colours, as Wireshark's Follow TCP Stream shows.

import type { SmtpStream } from '../../../../shared/api';
import { useAppStore } from '../../store/app-store';

export function RawStreamView({ stream }: { stream: SmtpStream }) {
  const select = useAppStore((s) => s.select);
  return (
    <div className="smtp-raw-wrap">
      {stream.truncated && (
        <p className="smtp-note">The stream is longer than the view holds: its end is left
          out. Save the messages or use tshark to see all of it.</p>
      )}
      <pre className="smtp-raw" aria-label="Raw stream">
        {stream.chunks.map((chunk, index) => (
          <span key={index} className={`smtp-chunk ${chunk.side}`} data-side={chunk.side}
            title={`packet ${chunk.packet}, ${chunk.length} bytes from the ${chunk.side}`}
            onClick={() => select(chunk.packet)}>
            {chunk.text}
          </span>
        ))}
      </pre>
    </div>
  );
}
