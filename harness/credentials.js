// @ts-check
/** n8n's credentials helper as the harness needs it: decrypted test credentials held in memory. */
const { wf } = require('./host');

/** A credentials helper like n8n's, for decrypted test credentials held in memory. */
class MemoryCredentialsHelper extends wf.ICredentialsHelper {
	/**
	 * @param {Map<string, import('n8n-workflow').ICredentialType>} types
	 * @param {Record<string, import('n8n-workflow').ICredentialDataDecryptedObject>} store  data by credential type
	 */
	constructor(types, store) {
		super();
		this.types = types;
		this.store = store;
		this.decryptCount = 0;
	}

	/** @param {string} name @returns {string[]} */
	getParentTypes(name) {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode() {
		return true;
	}

	/**
	 * Applies the credential type's `authenticate`: a function is called, a generic definition has each value
	 * resolved as an expression with `$credentials` in scope, as n8n's CredentialsHelper does.
	 * @param {import('n8n-workflow').ICredentialDataDecryptedObject} credentials
	 * @param {string} typeName
	 * @param {any} requestOptions
	 * @param {import('n8n-workflow').Workflow} [workflow]
	 * @param {import('n8n-workflow').INode} [node]
	 */
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const authenticate = this.types.get(typeName)?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate.type !== 'generic' || !workflow || !node) throw new Error(`Unsupported authenticate of ${typeName}`);
		/** @param {unknown} value */
		const resolve = (value) =>
			typeof value === 'string' && value.startsWith('=')
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
				: value;
		for (const [target, values] of Object.entries(authenticate.properties)) {
			requestOptions[target] = { ...requestOptions[target] };
			for (const [key, value] of Object.entries(/** @type {Record<string, unknown>} */ (values))) {
				requestOptions[target][key] = resolve(value);
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	/** @returns {Promise<any>} */
	async getCredentials() {
		throw new Error('getCredentials is not available in the test engine');
	}

	/**
	 * Decrypted data with the credential type's defaults applied, as n8n does.
	 * @param {unknown} _additionalData
	 * @param {import('n8n-workflow').INodeCredentialsDetails} _nodeCredentials
	 * @param {string} type
	 */
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		this.decryptCount++;
		const data = this.store[type];
		if (!data) throw new Error(`No test credential of type ${type}`);
		/** @type {import('n8n-workflow').ICredentialDataDecryptedObject} */
		const withDefaults = {};
		for (const property of this.getCredentialsProperties(type)) {
			if (property.default !== undefined) withDefaults[property.name] = /** @type {any} */ (property.default);
		}
		return { ...withDefaults, ...data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	/** @param {string} type */
	getCredentialsProperties(type) {
		return this.types.get(type)?.properties ?? [];
	}
}

module.exports = { MemoryCredentialsHelper };
