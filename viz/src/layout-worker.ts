/**
 * Runs the big-graph force layout off the main thread, so the page stays responsive (search,
 * list view, details) while thousands of entities find their place.
 */
import { type ForceJob, forceLayout } from './force-layout.js';

self.addEventListener('message', (event: MessageEvent<ForceJob>) => {
  const positions = forceLayout(event.data);
  self.postMessage(positions, { transfer: [positions.buffer] });
});
