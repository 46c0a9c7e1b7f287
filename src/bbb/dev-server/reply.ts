// What a route answers: status, content type and body.

export interface Reply {
  status: number;
  type: string;
  body: string;
  /** A redirect's target (join of a waiting guest: 302 to the guest lobby). */
  location?: string;
}

export function xmlReply(body: string): Reply {
  return { status: 200, type: 'text/xml;charset=utf-8', body };
}

export function htmlReply(body: string, status = 200): Reply {
  return { status, type: 'text/html;charset=utf-8', body };
}

export function redirectReply(location: string): Reply {
  return { status: 302, type: 'text/html;charset=utf-8', body: '', location };
}
