import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

/**
 * What every action node of this package is: a transform with one main input and one main output, in
 * versions 1 and 2 (2 for new nodes; version 1 workflows keep their forms and behaviour).
 */
export const actionNode: Pick<INodeTypeDescription, 'group' | 'version' | 'defaultVersion' | 'inputs' | 'outputs'> = {
	group: ['transform'],
	version: [1, 2],
	defaultVersion: 2,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
};

/** The Resource parameter: which kind of record the node works on. */
export function resourceProperty(options: INodePropertyOptions[], defaultValue: string): INodeProperties {
	return { displayName: 'Resource', name: 'resource', type: 'options', noDataExpression: true, options, default: defaultValue };
}

/**
 * The Operation parameter of one resource (options alphabetical, each with its action, as n8n lists them).
 * `versions`, when given, limits it to those node versions: a changed default needs a new node version.
 */
export function operationProperty(resource: string, options: INodePropertyOptions[], defaultValue: string, versions?: number[]): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource], ...(versions ? { '@version': versions } : {}) } },
		options,
		default: defaultValue,
	};
}

/**
 * What both webhook triggers are: a trigger with no input, answered 200 with no body once
 * a call is accepted (what the payment vendors ask for).
 */
export const webhookTriggerNode: Pick<INodeTypeDescription, 'group' | 'inputs' | 'outputs' | 'webhooks'> = {
	group: ['trigger'],
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
	webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }],
};

/** A trigger's Events parameter: `*` (every call) and the vendor's events; others are answered and ignored. */
export function eventsProperty(calls: string, options: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['*'],
		description: `Which ${calls} start the workflow. Others are answered and ignored.`,
		options: [{ name: '*', value: '*', description: `Every ${calls.replace(/s$/, '')}` }, ...options],
	};
}

/** The setup notice a trigger shows under its URLs. */
export function setupNotice(text: string): INodeProperties {
	return { displayName: text, name: 'setupNotice', type: 'notice', default: '' };
}
