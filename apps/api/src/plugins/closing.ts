import { globalPlugin } from './global-plugin';

/**
 * Once the app is closing, every response still being sent says `Connection: close`. Otherwise a
 * client that kept its connection alive holds the server open after its request has finished,
 * until the keep-alive timeout runs out, and shutdown waits for nothing.
 */
export const closingPlugin = globalPlugin('closing', async (app) => {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
});
