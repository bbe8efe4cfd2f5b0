// A packet number that selects its packet in the list when clicked.

import { useAppStore } from '../../store/app-store';

export function PacketLink({ number }: { number: number }) {
  const select = useAppStore((s) => s.select);
  const selected = useAppStore((s) => s.selected === number);
  return (
    <button type="button" className={`smtp-packet${selected ? ' selected' : ''}`}
      title={`Select packet ${number}`} onClick={() => select(number)}>
      {number}
    </button>
  );
}

export function PacketLinks({ numbers }: { numbers: readonly number[] }) {
  return (
    <span className="smtp-packets">
      {numbers.map((number) => <PacketLink key={number} number={number} />)}
    </span>
  );
}
