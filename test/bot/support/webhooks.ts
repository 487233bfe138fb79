import { createHmac, randomUUID } from 'node:crypto';

export interface Delivery {
  status: number;
  body: string;
}

/** Delivers a webhook to the running App over HTTP, signed as GitHub signs it (HMAC-SHA256 of the body). */
export async function deliver(url: string, event: string, payload: object, secret: string, id: string = randomUUID()): Promise<Delivery> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': signature, 'user-agent': 'GitHub-Hookshot/test' },
    body,
  });
  return { status: response.status, body: await response.text() };
}
