/**
 * Checks on the node descriptions that n8n's lint rules make on parameter literals, for the parameters
 * built by shared helpers (Resource, Operation), where the lint cannot see the values: options sorted by
 * name, the default one of the values, and an action for every operation.
 */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { BambooPaymentLink } from '../../nodes/BambooPayment/BambooPaymentLink.node';
import { HyfinCustomer } from '../../nodes/Hyfin/HyfinCustomer.node';

const nodes: Array<[string, INodeType]> = [
	['Bamboo Payment Link', new BambooPaymentLink()],
	['Hyfin Customer', new HyfinCustomer()],
];

describe.each(nodes)('%s', (_name, node) => {
	const choices = node.description.properties.filter(
		(p): p is INodeProperties & { options: INodePropertyOptions[] } => p.name === 'operation' || p.name === 'resource',
	);

	it('lists resources and operations alphabetically, with a default among them', () => {
		expect(choices.length).toBeGreaterThan(1);
		for (const property of choices) {
			const names = property.options.map((option) => option.name);
			expect([property.name, names]).toEqual([property.name, [...names].sort((a, b) => a.localeCompare(b))]);
			expect((property.options as INodePropertyOptions[]).map((option) => option.value)).toContain(property.default);
		}
	});

	it('gives every operation an action in sentence case and no data expression', () => {
		for (const property of choices) {
			expect(property.noDataExpression).toBe(true);
			if (property.name !== 'operation') continue;
			for (const option of property.options) expect(option.action).toMatch(/^[A-Z][a-z]+ [a-z]/);
		}
	});
});
