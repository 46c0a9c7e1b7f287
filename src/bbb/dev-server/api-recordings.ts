// getRecordings, publishRecordings, deleteRecordings, updateRecordings.
import { recordingsXml } from './recording-xml.ts';
import { xmlReply, type Reply } from './reply.ts';
import type { Simulator } from './simulator.ts';
import { el, response } from './xml.ts';

export function handleGetRecordings(sim: Simulator, p: URLSearchParams): Reply {
  return xmlReply(recordingsXml(sim.recordings.query(p), sim.options.origin()));
}

export function handlePublishRecordings(sim: Simulator, p: URLSearchParams): Reply {
  const published = sim.recordings.publish(p);
  return xmlReply(response('SUCCESS', [el('published', published)]));
}

export function handleDeleteRecordings(sim: Simulator, p: URLSearchParams): Reply {
  sim.recordings.delete(p);
  return xmlReply(response('SUCCESS', [el('deleted', true)]));
}

export function handleUpdateRecordings(sim: Simulator, p: URLSearchParams): Reply {
  sim.recordings.update(p);
  return xmlReply(response('SUCCESS', [el('updated', true)]));
}
