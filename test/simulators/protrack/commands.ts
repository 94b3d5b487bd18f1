/** Commands sent to devices and the devices' (simulated) answers. */
import type { CommandBehaviour, SentCommand } from './types';

export const DEFAULT_COMMAND_BEHAVIOUR: CommandBehaviour = { replyAfterMs: 2000 };
const FIRST_COMMAND_ID = 0x1b454;

export function defaultReply(command: string, paramData?: string): string {
	switch (command) {
		case 'RELAY,1':
			return 'Cut off the fuel supply: Success! Speed: 0km/h.';
		case 'RELAY,0':
			return 'Restore fuel supply: Success!';
		case 'RESET':
			return 'Reset: Success!';
		case 'LOCKDOOR':
			return 'Lock door: Success!';
		case 'UNLOCKDOOR':
			return 'Unlock door: Success!';
		case 'SET_MILEAGE':
			return `Set mileage: ${mileageOf(paramData) ?? '?'}km Success!`;
		default:
			return 'OK';
	}
}

/** The kilometres in a SET_MILEAGE paramData such as {"mileage":"30"}, or undefined when invalid. */
export function mileageOf(paramData?: string): number | undefined {
	if (paramData === undefined) {
		return undefined;
	}
	try {
		const parsed = JSON.parse(paramData) as { mileage?: unknown };
		const value =
			typeof parsed?.mileage === 'string' || typeof parsed?.mileage === 'number'
				? Number(parsed.mileage)
				: NaN;
		return Number.isFinite(value) && value >= 0 && String(parsed.mileage).trim() !== ''
			? value
			: undefined;
	} catch {
		return undefined;
	}
}

export class CommandCenter {
	readonly sent: SentCommand[] = [];
	private readonly byId = new Map<string, SentCommand>();
	private readonly behaviours = new Map<string, CommandBehaviour>();

	setBehaviour(imei: string, behaviour: CommandBehaviour): void {
		this.behaviours.set(imei, behaviour);
	}

	send(
		account: string,
		imei: string,
		command: string,
		paramData: string | undefined,
		nowMs: number,
	): SentCommand {
		const sent: SentCommand = {
			commandid: (FIRST_COMMAND_ID + this.sent.length).toString(16).toUpperCase(),
			imei,
			command,
			paramData,
			account,
			sentAt: nowMs,
			behaviour: this.behaviours.get(imei) ?? DEFAULT_COMMAND_BEHAVIOUR,
			answered: false,
			response: '',
		};
		this.sent.push(sent);
		this.byId.set(sent.commandid, sent);
		return sent;
	}

	get(commandid: string): SentCommand | undefined {
		return this.byId.get(commandid);
	}

	/** Marks the commands whose answer time has come as answered; returns those newly answered. */
	settle(nowMs: number): SentCommand[] {
		const answered: SentCommand[] = [];
		for (const sent of this.sent) {
			if (
				sent.answered ||
				'never' in sent.behaviour ||
				nowMs < sent.sentAt + sent.behaviour.replyAfterMs
			) {
				continue;
			}
			sent.answered = true;
			sent.response = sent.behaviour.response ?? defaultReply(sent.command, sent.paramData);
			answered.push(sent);
		}
		return answered;
	}
}
