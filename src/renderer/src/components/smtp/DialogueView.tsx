// The session's dialogue in phases: client and server lines, packets, latencies, meanings.

import type {
  SmtpDialogue, SmtpLineView, SmtpPhaseView, SmtpStepView,
} from '../../../../shared/api';
import { PacketLinks } from './PacketLink';

function offset(time: number, start: number): string {
  return `+${(time - start).toFixed(6)}`;
}

function Line({ line, start }: { line: SmtpLineView; start: number }) {
  return (
    <div className={`smtp-line ${line.side}`} data-side={line.side}>
      <span className="smtp-time">{offset(line.time, start)}</span>
      <PacketLinks numbers={line.packets} />
      <span className="smtp-who">{line.side === 'client' ? 'C:' : 'S:'}</span>
      <span className="smtp-text">{line.text}</span>
    </div>
  );
}

function Step({ step, start }: { step: SmtpStepView; start: number }) {
  return (
    <div className={`smtp-step${step.masked ? ' masked' : ''}`}>
      {step.request.map((line, index) => <Line key={`c${index}`} line={line} start={start} />)}
      {step.reply.map((line, index) => <Line key={`s${index}`} line={line} start={start} />)}
      {(step.meaning || step.latency !== undefined) && (
        <div className="smtp-annotation">
          {step.latency !== undefined && (
            <span className="smtp-latency">{(step.latency * 1000).toFixed(3)} ms</span>
          )}
          {step.meaning && <span className="smtp-meaning">{step.code}: {step.meaning}</span>}
        </div>
      )}
      {step.request.length > 0 && step.reply.length === 0 && (
        <div className="smtp-annotation">no reply captured</div>
      )}
      {step.extensions && step.extensions.length > 0 && (
        <ul className="smtp-extensions" aria-label="EHLO extensions">
          {step.extensions.map((extension) => <li key={extension}>{extension}</li>)}
        </ul>
      )}
    </div>
  );
}

function Phase({ phase, start }: { phase: SmtpPhaseView; start: number }) {
  return (
    <section className={`smtp-phase ${phase.kind}`} data-kind={phase.kind}
      aria-label={phase.title}>
      <h3 className="smtp-phase-title">{phase.title}</h3>
      {phase.facts.map((fact, index) => (
        <div key={index} className="smtp-fact">
          <PacketLinks numbers={fact.packets} />
          <span>{fact.text}</span>
        </div>
      ))}
      {phase.steps.map((step, index) => <Step key={index} step={step} start={start} />)}
    </section>
  );
}

export function DialogueView({ dialogue }: { dialogue: SmtpDialogue }) {
  const start = dialogue.session.startTime;
  return (
    <div className="smtp-dialogue" aria-label="SMTP dialogue">
      {dialogue.phases.map((phase, index) => (
        <Phase key={`${index}-${phase.title}`} phase={phase} start={start} />
      ))}
    </div>
  );
}
