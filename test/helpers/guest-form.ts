// Drives a guest invitation page as a browser without JavaScript would: GET the page (its form's
// CSRF token and the SameSite cookie), then POST the form with a name.
import { expect } from 'vitest';

export interface GuestForm {
  status: number;
  html: string;
  csrf: string;
  cookie: string;
  headers: Headers;
}

export async function openInvitation(url: string): Promise<GuestForm> {
  const res = await fetch(url, { redirect: 'manual' });
  const html = await res.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { status: res.status, html, csrf, cookie, headers: res.headers };
}

export function postForm(url: string, fields: Record<string, string>, cookie?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Opens the page and submits `name` with its token and cookie. */
export async function submitName(url: string, name: string): Promise<Response> {
  const form = await openInvitation(url);
  expect(form.status).toBe(200);
  return postForm(url, { csrf: form.csrf, name }, form.cookie);
}
