// Tickets, staff and figures for browser tests, made through the real API and the real
// `lotse create-admin` command: nothing here reaches around the server.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Created {
  reference: string;
  token: string;
}

/// The printer tree's way to an escalation: paper jam, clearing it did not help, the
/// details form (with `values`, or a printer's usual details). Labels and field names
/// are from `trees/printer.toml`.
export function escalatingTranscript(at: number, values?: Record<string, string>) {
  return [
    { tree: 'printer', node: 'start', at, move: 'answer', index: 2 },
    { tree: 'printer', node: 'device_message', at, move: 'answer', index: 0 },
    { tree: 'printer', node: 'jam', at, move: 'helped', helped: false },
    {
      tree: 'printer',
      node: 'details',
      at,
      move: 'values',
      values: values ?? { printer_name: 'HP LaserJet 2.OG', location: 'Building B, 2nd floor', affected_users: '1' },
    },
  ];
}

/// The version of the printer tree the server serves now (a hand-off names it).
export async function printerVersion(request: APIRequestContext): Promise<string> {
  const bundle = await (await request.get('/api/v1/trees/printer')).json();
  return bundle.trees.find((t: { tree: { id: string } }) => t.tree.id === 'printer').version;
}

/// Hands off a printer walk, as the portal does; answers the reference and the token.
export async function createTicket(request: APIRequestContext): Promise<Created> {
  const version = await printerVersion(request);
  const response = await request.post('/api/v1/handoffs', {
    headers: { 'Idempotency-Key': `e2e-${randomBytes(12).toString('hex')}` },
    data: {
      tree: 'printer',
      versions: { printer: version },
      transcript: escalatingTranscript(Date.now()),
      contact: { name: 'Erika Muster', email: 'erika@example.org' },
      description: 'The printer shows a paper jam that will not go away.',
      impact: 'low',
      urgency: 'medium',
      language: 'en',
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const created = await response.json();
  return { reference: created.reference, token: created.token };
}

const ADMIN = 'e2e-admin';
const ADMIN_PASSWORD = `e2e-${randomBytes(16).toString('hex')}`;
let adminMade = false;

/// An admin account in the server's database, made by `lotse create-admin` on the same
/// data folder (the command works while the server runs).
function makeAdmin(): void {
  if (adminMade) return;
  const server = process.env.LOTSE_E2E_SERVER || 'target/release/lotse';
  const binary = isAbsolute(server) ? server : join(repo, server);
  execFileSync(
    binary,
    ['create-admin', '--data', process.env.LOTSE_E2E_DATA!, '--login', ADMIN, '--name', 'Kim Support', '--password-env', 'LOTSE_E2E_ADMIN_PASSWORD', '--reset'],
    { env: { ...process.env, LOTSE_E2E_ADMIN_PASSWORD: ADMIN_PASSWORD }, stdio: 'pipe' },
  );
  adminMade = true;
}

/// A staff member's session: signs in through `POST /api/v1/session`.
export class Staff {
  private constructor(
    private readonly api: APIRequestContext,
    private readonly csrf: string,
  ) {}

  static async signIn(baseURL: string): Promise<Staff> {
    makeAdmin();
    const api = await playwrightRequest.newContext({ baseURL });
    const response = await api.post('/api/v1/session', { data: { login: ADMIN, password: ADMIN_PASSWORD } });
    expect(response.status(), await response.text()).toBe(200);
    return new Staff(api, (await response.json()).csrf);
  }

  /// The ticket's id in the Queue, found by its reference.
  async ticketId(reference: string): Promise<number> {
    const response = await this.api.get(`/api/v1/queue?q=${encodeURIComponent(reference)}&status=new,claimed,waiting_for_user,returned,resolved,closed`);
    expect(response.status(), await response.text()).toBe(200);
    const page = await response.json();
    const item = page.items.find((i: { reference: string }) => i.reference === reference);
    expect(item, `ticket ${reference} in the Queue`).toBeTruthy();
    return item.id;
  }

  /// A public reply, which the user reads on the status page.
  async reply(reference: string, body: string): Promise<void> {
    const id = await this.ticketId(reference);
    const response = await this.api.post(`/api/v1/tickets/${id}/messages`, {
      headers: { 'X-CSRF-Token': this.csrf },
      data: { body, visibility: 'public' },
    });
    expect(response.status(), await response.text()).toBe(201);
  }

  /// Any call of the staff API with this session: the status and the body's text.
  async call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, data?: unknown): Promise<{ status: number; text: string }> {
    const response = await this.api.fetch(path, { method, headers: { 'X-CSRF-Token': this.csrf }, data });
    return { status: response.status(), text: await response.text() };
  }

  async dispose(): Promise<void> {
    await this.api.dispose();
  }
}

/// How many outcomes of `outcome` the server has counted for `tree` (`/metrics`).
export async function outcomes(
  request: APIRequestContext,
  tree: string,
  outcome: 'resolved' | 'abandoned' | 'helpful' | 'not_helpful',
): Promise<number> {
  const response = await request.get('/metrics', {
    headers: { Authorization: `Bearer ${process.env.LOTSE_E2E_METRICS_TOKEN}` },
  });
  expect(response.status()).toBe(200);
  const line = `lotse_walk_outcomes_total{tree="${tree}",outcome="${outcome}"} `;
  const found = (await response.text()).split('\n').find((l) => l.startsWith(line));
  return found ? Number(found.slice(line.length)) : 0;
}
