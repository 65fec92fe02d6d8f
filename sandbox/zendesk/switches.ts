/** Switches that make the stand-in misbehave on purpose, so a client's retries can be tested. */

export interface ZendeskSwitches {
  /** The next `count` API calls answer this status (429 with Retry-After, or 503) and do nothing. */
  failNext: { status: 429 | 503; count: number; retryAfterSeconds: number } | null;
  /** The next N ticket creations store the ticket and then drop the connection without an answer. */
  dropCreateAnswers: number;
}

export const NO_FAULTS: ZendeskSwitches = { failNext: null, dropCreateAnswers: 0 };

export class ZendeskSwitchBoard {
  private current: ZendeskSwitches = { ...NO_FAULTS };

  get switches(): ZendeskSwitches {
    return { ...this.current, failNext: this.current.failNext ? { ...this.current.failNext } : null };
  }

  set(partial: Partial<ZendeskSwitches>): ZendeskSwitches {
    this.current = { ...this.current, ...partial };
    return this.switches;
  }

  /** The failure this call must answer, if one is armed; counts it down. */
  takeFailure(): { status: 429 | 503; retryAfterSeconds: number } | null {
    const armed = this.current.failNext;
    if (!armed || armed.count <= 0) return null;
    armed.count -= 1;
    if (armed.count === 0) this.current.failNext = null;
    return { status: armed.status, retryAfterSeconds: armed.retryAfterSeconds };
  }

  /** True once per armed drop: this creation must lose its answer. */
  takeDropCreate(): boolean {
    if (this.current.dropCreateAnswers <= 0) return false;
    this.current.dropCreateAnswers -= 1;
    return true;
  }
}
