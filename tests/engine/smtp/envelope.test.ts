// The envelope and ESMTP parameters against the script the client ran (client-scenario.json).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturesDir, sharedAvailable } from '../conversation/shared-captures';
import { smtpOf } from './smtp-capture';

interface Scenario {
  helo: string;
  steps: Array<{
    txn?: { from: string; mail_params: string[]; rcpts: Array<[string, string]>; eml: string };
  }>;
}

/** `NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;x` as keyword/value pairs, read independently. */
function pairs(text: string): Array<{ keyword: string; value?: string }> {
  return text.split(' ').filter(Boolean).map((word) => {
    const [keyword, ...rest] = word.split('=');
    return rest.length === 0 ? { keyword } : { keyword, value: rest.join('=') };
  });
}

describe.skipIf(!sharedAvailable)('envelope against the client scenario', () => {
  const scenarioFile = path.join(capturesDir, '02-pipelining-multircpt-rset.messages',
    'client-scenario.json');
  const scenario: Scenario = sharedAvailable ? JSON.parse(readFileSync(scenarioFile, 'utf8'))
    : { helo: '', steps: [] };
  const transactions = scenario.steps.flatMap((step) => step.txn ? [step.txn] : []);

  for (const name of ['02-pipelining-multircpt-rset.pcap', '09-lossy-dev.pcap']) {
    it(`${name}: EHLO, MAIL and RCPT with their parameters, and the verdicts`, () => {
      const [session] = smtpOf(name)!.sessions;
      const messages = path.join(capturesDir, name.replace('.pcap', '.messages'));
      const ehlo = session.exchanges.find((each) => each.command?.verb === 'EHLO');
      expect(ehlo?.command?.argument).toBe(scenario.helo);
      expect(session.extensions.map((each) => each.keyword)).toContain('PIPELINING');
      expect(session.extensions.find((each) => each.keyword === 'SIZE')?.parameters)
        .toEqual(['10240000']);
      expect(session.transactions).toHaveLength(transactions.length);

      transactions.forEach((sent, index) => {
        const ours = session.transactions[index];
        expect(ours.mailFrom).toBe(sent.from);
        const size = readFileSync(path.join(messages, `msg${index + 1}.eml`)).length;
        const expectedParams = sent.mail_params.map((param) =>
          param === 'SIZE' ? { keyword: 'SIZE', value: String(size) } : pairs(param)[0]);
        expect(ours.parameters).toEqual(expectedParams);
        expect(ours.recipients.map((each) => ({
          address: each.address, parameters: each.parameters,
        }))).toEqual(sent.rcpts.map(([address, params]) => ({
          address, parameters: pairs(params),
        })));
        expect(ours.outcome).toBe('accepted');
      });

      // Captures README: nobody@ is refused with 550 5.1.1, dave@ with 554 5.7.1.
      const verdicts = session.transactions[0].recipients.map((each) =>
        `${each.reply?.code} ${each.reply?.enhanced?.text ?? ''}`.trim());
      expect(verdicts).toEqual(['250 2.1.5', '250 2.1.5', '550 5.1.1', '554 5.7.1']);
      expect(session.transactions[0].recipients.map((each) => each.accepted))
        .toEqual([true, true, false, false]);
    });
  }
});
