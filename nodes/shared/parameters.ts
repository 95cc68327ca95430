import type { IExecuteFunctions } from 'n8n-workflow';

function containsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(containsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(containsExpression);
	return false;
}

/**
 * Reads node parameters for many items. A parameter whose stored value holds no expression is the same for
 * every item, so it is resolved once per run and reused; a parameter with an expression is resolved for
 * each item. (Resolving a parameter is one of the costliest steps of a node run in n8n.) Values are shared
 * between items and must be treated as read-only.
 */
export class ParameterReader {
	private readonly constant = new Map<string, unknown>();

	constructor(private readonly ctx: IExecuteFunctions) {}

	get(name: string, itemIndex: number, fallback?: unknown): unknown {
		if (this.constant.has(name)) return this.constant.get(name);
		const value = this.ctx.getNodeParameter(name, itemIndex, fallback);
		if (!containsExpression(this.ctx.getNode().parameters[name])) this.constant.set(name, value);
		return value;
	}
}
