import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeTypeDescription } from 'n8n-workflow';

/** What every action node of this package is: a version 1 transform with one main input and one main output. */
export const actionNode: Pick<INodeTypeDescription, 'group' | 'version' | 'inputs' | 'outputs'> = {
	group: ['transform'],
	version: 1,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
};
