/**
 * Consent to track an MSISDN: requested by SMS (initiated), answered by the phone after a delay (allowed or
 * denied), revoked by the driver, expired 30 days after it was allowed. A new request resets it to initiated.
 * Whenever an allowed consent stops being allowed, the MSISDN's started SIM tracks stop getting points.
 */
import type { Os1EventType } from './callbacks';
import { Os1Code, Os1Error, OS1_LIMITS } from './codes';
import type { PhoneAnswer } from './tenant';
import type { Callback } from './validation';

export type ConsentStatus = 'initiated' | 'allowed' | 'denied' | 'revoked' | 'expired';

export interface ConsentRecord {
	msisdn: string;
	status: Exclude<ConsentStatus, 'expired'>;
	/** Epoch ms; 0 when not yet. */
	requestedAt: number;
	receivedAt: number;
	/** When an allowed consent expires; 0 until allowed. */
	expiryAt: number;
	callback?: Callback;
	/** Counts requests, so a late scripted reply to an earlier one is ignored. */
	request: number;
	/** Whether the expiry has been passed on to the SIM tracks. */
	expiryNoticed: boolean;
}

/** What the consent book needs from the rest of the simulator. */
export interface ConsentWorld {
	now(): number;
	emit(eventType: Os1EventType, occurredAt: number, data: Record<string, unknown>, callbacks: Array<Callback | undefined>): void;
	/** Runs `run` after `ms` of real time (0: at once). */
	schedule(ms: number, run: () => void): void;
	answerOf(msisdn: string): PhoneAnswer;
	readonly consentReplyMs: number;
	/** The MSISDN's consent stopped being allowed at `at`, for `reason` (as rsOutput.errorReason names it). */
	consentLost(msisdn: string, at: number, reason: string): void;
	/** Callbacks of the MSISDN's started SIM tracks (they hear of a revocation too). */
	trackCallbacks(msisdn: string): Callback[];
}

export class ConsentBook {
	private readonly consents = new Map<string, ConsentRecord>();

	constructor(private readonly world: ConsentWorld) {}

	/** MSISDNs with a consent, in the order first requested. */
	msisdns(): string[] {
		return [...this.consents.keys()];
	}

	get(msisdn: string): ConsentRecord | undefined {
		const found = this.consents.get(msisdn);
		return found && { ...found };
	}

	/** The consent as the API reports it: `expired` once an allowed consent is past its expiry. */
	statusOf(msisdn: string): ConsentStatus | undefined {
		const consent = this.consents.get(msisdn);
		if (!consent) return undefined;
		return consent.status === 'allowed' && this.world.now() >= consent.expiryAt ? 'expired' : consent.status;
	}

	require(msisdn: string): ConsentRecord {
		const consent = this.consents.get(msisdn);
		if (!consent) throw new Os1Error(Os1Code.consentNotFound, `No consent was requested for MSISDN ${msisdn}`);
		return { ...consent };
	}

	/** Sends the SMS: the consent is initiated (again), and the phone answers as scripted. */
	request(msisdn: string, callback: Callback | undefined): void {
		const now = this.world.now();
		const previous = this.consents.get(msisdn);
		if (previous && this.statusOf(msisdn) === 'allowed') this.world.consentLost(msisdn, now, 'consentRequestedAgain');
		const consent: ConsentRecord = {
			msisdn,
			status: 'initiated',
			requestedAt: now,
			receivedAt: 0,
			expiryAt: 0,
			callback,
			request: (previous?.request ?? 0) + 1,
			expiryNoticed: false,
		};
		this.consents.set(msisdn, consent);
		const answer = this.world.answerOf(msisdn);
		if (answer === 'silent') return;
		this.world.schedule(this.world.consentReplyMs, () => {
			const current = this.consents.get(msisdn);
			if (current?.request === consent.request && current.status === 'initiated') this.apply(current, answer);
		});
	}

	/** The phone answers the pending request now (tests and the sandbox); throws unless one is pending. */
	reply(msisdn: string, answer: 'allow' | 'deny'): void {
		const consent = this.consents.get(msisdn);
		if (consent?.status !== 'initiated') {
			throw new Error(`The consent of ${msisdn} is ${consent ? consent.status : 'not requested'}: no SMS to answer`);
		}
		this.apply(consent, answer);
	}

	/** The driver revokes an allowed consent; throws unless it is allowed. */
	revoke(msisdn: string): void {
		const status = this.statusOf(msisdn);
		const consent = this.consents.get(msisdn);
		if (!consent || status !== 'allowed') {
			throw new Error(`The consent of ${msisdn} is ${status ?? 'not requested'}: only an allowed consent can be revoked`);
		}
		const now = this.world.now();
		consent.status = 'revoked';
		this.world.consentLost(msisdn, now, 'consentRevoked');
		const targets = [consent.callback, ...this.world.trackCallbacks(msisdn)];
		this.world.emit('CONSENT_REVOKED', now, { msisdn, consentStatus: 'revoked' }, targets);
	}

	/** Passes expiries that happened since the last look on to the SIM tracks (no event: none is documented). */
	refresh(): void {
		for (const consent of this.consents.values()) {
			if (consent.status === 'allowed' && !consent.expiryNoticed && this.world.now() >= consent.expiryAt) {
				consent.expiryNoticed = true;
				this.world.consentLost(consent.msisdn, consent.expiryAt, 'consentExpired');
			}
		}
	}

	private apply(consent: ConsentRecord, answer: 'allow' | 'deny'): void {
		const now = this.world.now();
		consent.receivedAt = now;
		if (answer === 'allow') {
			consent.status = 'allowed';
			consent.expiryAt = now + OS1_LIMITS.consentLifetimeMs;
		} else {
			consent.status = 'denied';
		}
		const eventType = answer === 'allow' ? 'CONSENT_GRANTED' : 'CONSENT_DENIED';
		this.world.emit(eventType, now, { msisdn: consent.msisdn, consentStatus: consent.status }, [consent.callback]);
	}
}
