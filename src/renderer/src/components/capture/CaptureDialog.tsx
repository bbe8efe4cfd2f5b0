// Choose an interface and options, check the capture filter with libpcap, start capturing.

import { useEffect, useState, type FormEvent } from 'react';
import type { CaptureInterfaceInfo, FilterCheck } from '../../../../shared/capture-api';
import { tapline } from '../../api/tapline';
import { useAppStore } from '../../store/app-store';
import { mayReplaceDocument } from '../save/leave-unsaved';
import './capture.css';

const FILTER_CHECK_DELAY_MS = 250;

function flags(device: CaptureInterfaceInfo): string {
  return [device.up ? 'Up' : 'Down', device.running && 'Running', device.loopback && 'Loopback',
    device.wireless && 'Wireless'].filter(Boolean).join(', ');
}

export function CaptureDialog({ onClose }: { onClose(): void }) {
  const applyStatus = useAppStore((s) => s.applyStatus);
  const [devices, setDevices] = useState<CaptureInterfaceInfo[]>([]);
  const [chosen, setChosen] = useState('');
  const [filter, setFilter] = useState('');
  const [check, setCheck] = useState<FilterCheck>({ ok: true });
  const [snapLength, setSnapLength] = useState(262144);
  const [promiscuous, setPromiscuous] = useState(true);
  const [stopAfterPackets, setStopAfterPackets] = useState('');
  const [problem, setProblem] = useState('');

  useEffect(() => {
    tapline.request('capture.interfaces', {}).then((list) => {
      setDevices(list);
      setChosen((current) => current || list.find((d) => d.up && !d.loopback)?.name ||
        list[0]?.name || '');
    }).catch((error: Error) => setProblem(error.message));
  }, []);

  // Validity as you type: libpcap compiles the filter for the chosen interface.
  useEffect(() => {
    if (!chosen) return;
    const timer = setTimeout(() => {
      tapline.request('capture.checkFilter', { interface: chosen, filter })
        .then(setCheck).catch((error: Error) => setProblem(error.message));
    }, FILTER_CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [chosen, filter]);

  const start = (event: FormEvent) => {
    event.preventDefault();
    if (!mayReplaceDocument()) return;
    setProblem('');
    const limit = Number(stopAfterPackets);
    tapline.request('capture.start', {
      interface: chosen, filter, snapLength, promiscuous,
      ...(limit > 0 ? { stopAfterPackets: limit } : {}),
    }).then((status) => {
      applyStatus(status);
      onClose();
    }).catch((error: Error) => setProblem(error.message));
  };

  return (
    <div className="dialog-backdrop" onKeyDown={(event) => event.key === 'Escape' && onClose()}>
      <form className="capture-dialog" role="dialog" aria-label="Capture" onSubmit={start}>
        <h2>Capture</h2>
        <table className="interface-table" role="grid" aria-label="Interfaces">
          <thead>
            <tr><th>#</th><th>Interface</th><th>Flags</th><th>Addresses</th></tr>
          </thead>
          <tbody>
            {devices.map((device) => (
              <tr key={device.name} aria-selected={device.name === chosen}
                className={device.name === chosen ? 'selected' : ''}
                onClick={() => setChosen(device.name)}>
                <td>{device.number}</td>
                <td>{device.name}{device.description ? ` (${device.description})` : ''}</td>
                <td>{flags(device)}</td>
                <td>{device.addresses.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <label className="field">
          Capture filter
          <input name="filter" value={filter} spellCheck={false} autoFocus
            className={check.ok ? '' : 'invalid'} aria-invalid={!check.ok}
            placeholder="e.g. host 198.51.100.112 and port 25"
            onChange={(event) => setFilter(event.currentTarget.value)} />
        </label>
        {!check.ok && <div className="field-error" role="alert">{check.message}</div>}
        <div className="field-row">
          <label className="field">Snap length
            <input type="number" min={0} max={262144} value={snapLength}
              onChange={(event) => setSnapLength(Number(event.currentTarget.value))} />
          </label>
          <label className="field">Stop after packets
            <input type="number" min={0} value={stopAfterPackets} placeholder="never"
              onChange={(event) => setStopAfterPackets(event.currentTarget.value)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={promiscuous}
              onChange={(event) => setPromiscuous(event.currentTarget.checked)} />
            Promiscuous mode
          </label>
        </div>
        {problem && <div className="field-error" role="alert">{problem}</div>}
        <div className="buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" disabled={!chosen || !check.ok}>Start</button>
        </div>
      </form>
    </div>
  );
}
