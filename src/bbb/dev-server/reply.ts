// What a route answers: status, content type and body.

export interface Reply {
  status: number;
  type: string;
  body: string;
}

export function xmlReply(body: string): Reply {
  return { status: 200, type: 'text/xml;charset=utf-8', body };
}

export function htmlReply(body: string, status = 200): Reply {
  return { status, type: 'text/html;charset=utf-8', body };
}
