import type { FastifyPluginAsync } from 'fastify';
import { requireApiKey } from '../auth/api-key';
import { reportRoutes } from './reports';
import { storeRoutes } from './stores';
import { triggerReportRoutes } from './trigger-report';
import { businessHoursRoutes, pollsRoutes, specialHoursRoutes, timeZonesRoutes } from './uploads';

export interface ProtectedRoutesOptions {
  /** Undefined: the routes are open (and a warning says so). */
  apiKey: string | undefined;
}

/**
 * The report and data-loading routes: the ones that need API_KEY when it is set. Being registered
 * here, inside this one encapsulated plugin, is what protects a route and puts the padlock on it in
 * the OpenAPI document; the public routes (health, the index, the docs, the board) are registered
 * outside it.
 */
export const protectedRoutes: FastifyPluginAsync<ProtectedRoutesOptions> = async (scope, opts) => {
  requireApiKey(scope, opts.apiKey);
  await scope.register(triggerReportRoutes);
  await scope.register(reportRoutes);
  await scope.register(storeRoutes);
  await scope.register(pollsRoutes);
  await scope.register(businessHoursRoutes);
  await scope.register(specialHoursRoutes);
  await scope.register(timeZonesRoutes);
};
