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

/** The Operation parameter of one resource (options alphabetical, each with its action, as n8n lists them). */
export function operationProperty(resource: string, options: INodePropertyOptions[], defaultValue: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultValue,
	};
}
