import type { FastifyPluginAsync } from 'fastify';

/**
 * Marks a plugin so that what it adds (decorators, hooks, handlers) lands on the instance that
 * registers it rather than in a child context: Fastify's documented `skip-override` symbol, the
 * same thing the fastify-plugin package sets.
 */
export function globalPlugin<Options extends object>(
  name: string,
  plugin: FastifyPluginAsync<Options>,
): FastifyPluginAsync<Options> {
  Object.assign(plugin, { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: name });
  return plugin;
}
