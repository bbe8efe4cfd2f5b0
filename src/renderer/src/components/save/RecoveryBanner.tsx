// At start: captures that an earlier run spooled but never saved (it crashed or was closed
// unsaved), each with Reopen and Discard.

import { useEffect, useState } from 'react';
import type { UnsavedCapture } from '../../../../shared/recovery-api';
import { tapline } from '../../api/tapline';
import { useAppStore } from '../../store/app-store';
import { mayReplaceDocument } from './leave-unsaved';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function RecoveryBanner() {
  const applyStatus = useAppStore((s) => s.applyStatus);
  const [captures, setCaptures] = useState<UnsavedCapture[]>([]);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    tapline.request('captures.unsaved', {}).then(setCaptures)
      .catch((error: Error) => setProblem(error.message));
  }, []);

  const forget = (name: string) => setCaptures((list) => list.filter((c) => c.name !== name));

  const reopen = (name: string) => {
    if (!mayReplaceDocument()) return;
    setProblem('');
    tapline.request('captures.reopen', { name }).then((status) => {
      applyStatus(status);
      forget(name);
    }).catch((error: Error) => setProblem(error.message));
  };

  const discard = (name: string) => {
    if (!window.confirm(`Delete ${name}? Its packets were never saved and will be lost.`)) return;
    setProblem('');
    tapline.request('captures.discard', { name }).then(setCaptures)
      .catch((error: Error) => setProblem(error.message));
  };

  if (captures.length === 0 && !problem) return null;
  return (
    <div className="banner" data-testid="recovery-banner" role="region"
      aria-label="Unsaved captures from an earlier run">
      <ul>
        {captures.map((capture) => (
          <li key={capture.name}>
            <span className="banner-text">
              Unsaved capture from an earlier run: <span className="file-name">{capture.name}
              </span> ({size(capture.bytes)}, last written{' '}
              {new Date(capture.modified).toLocaleString()})
            </span>
            <button type="button" onClick={() => reopen(capture.name)}>Reopen</button>
            <button type="button" onClick={() => discard(capture.name)}>Discard</button>
          </li>
        ))}
        {problem && <li className="status-error" role="alert">{problem}</li>}
      </ul>
      <button type="button" aria-label="Hide for now" title="Offered again at the next start"
        onClick={() => { setCaptures([]); setProblem(''); }}>×</button>
    </div>
  );
}
