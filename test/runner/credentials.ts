import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * Stands in for n8n's credentials table: what preAuthentication returns is written here, and every
 * execution reads it back, exactly as separate n8n processes share a token through the database.
 */
export class CredentialStore {
	private readonly rows = new Map<string, StoredCredential>();

	/** How often a credential was written back (token refreshes persisted). */
	updates = 0;

	add(
		type: string,
		data: ICredentialDataDecryptedObject,
		name = `${type} account`,
		id = String(this.rows.size + 1),
	): INodeCredentialsDetails {
		this.rows.set(id, { id, name, type, data: { ...data } });
		return { id, name };
	}

	read(id: string): StoredCredential {
		const row = this.rows.get(id);
		if (row === undefined) throw new Error(`No credential with id ${id}`);
		return { ...row, data: { ...row.data } };
	}

	write(id: string, data: ICredentialDataDecryptedObject): void {
		const row = this.read(id);
		this.rows.set(id, { ...row, data: { ...data } });
		this.updates++;
	}
}

/**
 * Behaves like n8n's CredentialsHelper (packages/cli) for what this package relies on: defaults
 * applied on read, preAuthentication run when the expirable field is empty or expired (or during a
 * credential test) with its result persisted, and declarative `authenticate` resolved through the
 * workflow's expression engine.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly store: CredentialStore,
		private readonly types: Map<string, ICredentialType>,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.types.get(name);
		if (type === undefined) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		return this.type(name).extends ?? [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic' && workflow && node) {
			const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [target, entries] of Object.entries(authenticate.properties)) {
				options[target] = options[target] ?? {};
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					const resolve = (text: string) =>
						String(
							workflow.expression.getSimpleParameterValue(
								node,
								text,
								'internal',
								{ $credentials: credentials },
								undefined,
								'',
							) ?? '',
						);
					options[target][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;
		const isCredentialTest = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isCredentialTest) return undefined;

		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredential = node.credentials?.[typeName];
		if (nodeCredential?.id) {
			// As n8n 2.40's CredentialsHelper: every returned field is persisted (the expirable one always,
			// others unless the stored value is an expression).
			const stored = this.store.read(nodeCredential.id).data;
			const persisted: ICredentialDataDecryptedObject = { ...stored };
			for (const [key, value] of Object.entries(output)) {
				const isExpression = typeof stored[key] === 'string' && String(stored[key]).startsWith('=');
				if (key === expirable.name || !isExpression) persisted[key] = value as ICredentialDataDecryptedObject[string];
			}
			this.store.write(nodeCredential.id, persisted);
		}
		return Object.assign(credentials, output) as ICredentialDataDecryptedObject;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.type(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		return (await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const row = this.store.read(nodeCredentials.id ?? '');
		return {
			id: row.id,
			name: row.name,
			type,
			data: undefined,
			getData: () => row.data,
			getDataToSave: () => ({ id: row.id, name: row.name, type, data: '' }),
			setData: () => undefined,
		} as unknown as ICredentials;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store.read(nodeCredentials.id ?? '').data;
		for (const property of this.getCredentialsProperties(type)) {
			if (data[property.name] === undefined && property.default !== undefined) {
				data[property.name] = property.default as ICredentialDataDecryptedObject[string];
			}
		}
		return data;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.write(nodeCredentials.id ?? '', data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.updateCredentials(nodeCredentials, type, data);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}
