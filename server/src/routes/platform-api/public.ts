import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IMAGE_SIGNALS, searchedInMirrored } from '@disrupt/hash-core';
import { comparedUnderFloor, comparedWith, FRAME_SIGNALS } from '../../match/frame-signals.js';
import { platformsSchema, serviceSchema, signalsSchema } from './schemas.js';

/**
 * Public facts the victims' page shows before anyone chooses a photo: the platforms that agreed to
 * be named (GET /v1/platforms) and how long a case is kept (GET /v1/service); and for platforms
 * writing their own client, the signal types and how each is compared (GET /v1/signals).
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/platforms', { schema: platformsSchema }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300'); // public names only; the page may keep them a while
    return { platforms: app.store.platforms.listListed().map((name) => ({ name })) };
  });

  app.get('/service', { schema: serviceSchema }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return { retentionDays: app.config.retentionDays > 0 ? app.config.retentionDays : null };
  });

  app.get('/signals', { schema: signalsSchema }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=3600');
    const signals = [...IMAGE_SIGNALS, ...FRAME_SIGNALS].map((s) => ({
      name: s.name,
      description: s.description,
      kind: s.kind,
      threshold: s.threshold,
      searchIn: comparedWith(s.name),
      ...(s.qualityFloor !== undefined && { qualityFloor: s.qualityFloor }),
      ...(s.underFloorQuery && { underFloorQuery: { minQuality: s.underFloorQuery.minQuality, radius: s.underFloorQuery.radius, searchIn: comparedUnderFloor(s.name) } }),
      ...(s.underFloorStored && { underFloorStored: { ...s.underFloorStored } }),
      ...(s.mirrored && { mirroredIn: s.mirrored.signal }),
      ...(IMAGE_SIGNALS.includes(s) && searchedInMirrored(s.name).length > 0 && { sentMirroredIn: [...searchedInMirrored(s.name)] }),
    }));
    return { signals };
  });
};
export default routes;
