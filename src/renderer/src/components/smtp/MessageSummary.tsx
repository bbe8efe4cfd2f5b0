// One rebuilt message: its envelope-free header summary, MIME parts and a "Save .eml" button.

import type { SmtpMessageSummary } from '../../../../shared/api';
import { useAppStore } from '../../store/app-store';
import { PacketLinks } from './PacketLink';
import { saveMessage } from './save-eml';

function Field({ name, value }: { name: string; value?: string }) {
  if (value === undefined) return null;
  return (
    <>
      <dt>{name}</dt>
      <dd data-field={name.toLowerCase()}>{value}</dd>
    </>
  );
}

function state(message: SmtpMessageSummary): string {
  const parts = [`${message.size.toLocaleString('en-US')} bytes by ${message.via}`];
  if (message.accepted !== undefined) parts.push(message.accepted ? 'accepted' : 'refused');
  if (message.missingBytes > 0) parts.push(`${message.missingBytes} bytes missing`);
  if (!message.complete) parts.push('incomplete');
  return parts.join(', ');
}

export function MessageSummary({ conversation, message }: {
  conversation: number; message: SmtpMessageSummary;
}) {
  const report = useAppStore((s) => s.report);
  const save = () => saveMessage(conversation, message.number)
    .catch((error: Error) => report(error.message));
  return (
    <section className="smtp-message" aria-label={`message ${message.number}`}>
      <header className="smtp-message-head">
        <h3>Message {message.number}</h3>
        <PacketLinks numbers={message.packets} />
        <span className="smtp-message-state">{state(message)}</span>
        <button type="button" onClick={save}>Save .eml</button>
      </header>
      <dl className="smtp-headers">
        <Field name="From" value={message.from} />
        <Field name="To" value={message.to} />
        <Field name="Cc" value={message.cc} />
        <Field name="Subject" value={message.subject} />
        <Field name="Date" value={message.date} />
        <Field name="Message-ID" value={message.messageId} />
      </dl>
      <table className="smtp-parts" aria-label="MIME parts">
        <thead>
          <tr><th>Part</th><th>Type</th><th>File name</th><th>Bytes</th></tr>
        </thead>
        <tbody>
          {message.parts.map((part) => (
            <tr key={part.path}>
              <td>{part.path}</td>
              <td>{part.contentType}</td>
              <td>{part.filename ?? ''}</td>
              <td>{part.size.toLocaleString('en-US')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
