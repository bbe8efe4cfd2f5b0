// Reads AUTH PLAIN (RFC 4616) and AUTH LOGIN exchanges, masking secrets unless asked.

import type { SmtpAuth } from './smtp-model';
import { base64Bytes, utf8Text } from './text';

export const MASKED = '[credentials masked]';

/** What one client answer in an AUTH exchange carried, in words fit to print. */
export interface AuthAnswer {
  readonly shown: string;
}

/** Tracks one AUTH exchange from the command through the client's answers. */
export class AuthReader {
  readonly auth: SmtpAuth;
  private loginStep = 0;

  constructor(mechanism: string, private readonly reveal: boolean) {
    this.auth = { mechanism: mechanism.toUpperCase() };
  }

  /** The initial response on the AUTH line itself (RFC 4954 4), if any. */
  initial(response: string | undefined): AuthAnswer | undefined {
    if (response === undefined || response === '') return undefined;
    if (response === '=') return { shown: '=' };
    return this.answer(response, undefined);
  }

  /** A client line answering a 334 challenge whose text is `challenge`. */
  answer(response: string, challenge: string | undefined): AuthAnswer {
    if (response === '*') return { shown: '* (client cancelled)' };
    const bytes = base64Bytes(response);
    if (!bytes) return { shown: this.reveal ? response : MASKED };
    if (this.auth.mechanism === 'PLAIN') return this.plain(bytes);
    if (this.auth.mechanism === 'LOGIN') return this.login(bytes, challenge);
    return { shown: this.reveal ? utf8Text(bytes) : MASKED };
  }

  private plain(bytes: Uint8Array): AuthAnswer {
    const parts = utf8Text(bytes).split('\u0000');
    if (parts.length !== 3) return { shown: MASKED };
    const [authorize, user, password] = parts;
    this.auth.username = user;
    if (this.reveal) this.auth.password = password;
    const as = authorize ? ` as ${authorize}` : '';
    return { shown: `user ${user}${as}, password ${this.reveal ? password : '********'}` };
  }

  private login(bytes: Uint8Array, challenge: string | undefined): AuthAnswer {
    const asked = challenge ? utf8Text(base64Bytes(challenge) ?? new Uint8Array()) : '';
    const isPassword = /pass/i.test(asked) || (!/user/i.test(asked) && this.loginStep > 0);
    this.loginStep++;
    const text = utf8Text(bytes);
    if (!isPassword) {
      this.auth.username = text;
      return { shown: `user ${text}` };
    }
    if (this.reveal) this.auth.password = text;
    return { shown: `password ${this.reveal ? text : '********'}` };
  }
}
