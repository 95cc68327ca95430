import type { INodeProperties, INodePropertyOptions, UsableAsToolDescription } from 'n8n-workflow';
import type { OperationTable } from './types';

/**
 * How the node appears as an AI Agent tool. n8n describes a tool by its operation's `action`, so the
 * operations that create records get an action that tells the agent what the node's users know: an error
 * saying the record may exist must not be answered by calling the tool again (each such operation's
 * `toolAction`); the regular node keeps its short actions.
 */
export function asTool(properties: INodeProperties[], operations: OperationTable): UsableAsToolDescription {
	const toolProperties = properties.map((property) => {
		if (property.name !== 'operation' || !Array.isArray(property.options)) return property;
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		const options = (property.options as INodePropertyOptions[]).map((option) => {
			const action = resources.map((resource) => operations[resource]?.[String(option.value)]?.toolAction).find(Boolean);
			return action ? { ...option, action } : option;
		});
		return { ...property, options };
	});
	// n8n spreads the replacements over the tool's copy of the description, properties included.
	return { replacements: { properties: toolProperties } as UsableAsToolDescription['replacements'] };
}
