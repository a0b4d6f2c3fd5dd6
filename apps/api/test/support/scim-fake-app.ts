import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake app received, as sent. */
export type AppRequest = { method: string; path: string; query: URLSearchParams; headers: IncomingMessage['headers']; body: string };

type AppUser = { id: string; email: string; name: string; userName: string; active: boolean };
type AppGroup = { id: string; name: string; members: string[] };
type Failure = { status: number; body: string; contentType: string; times: number };

/**
 * A downstream user directory on 127.0.0.1 for SCIM tests: a small stateful REST API in two
 * dialects, JSON under /api and XML under /xml, recording every request. Tests make the next
 * calls of a route fail with `failNext`, and read the directory's state to check outcomes.
 *
 *   JSON: POST|GET /api/users, GET|PATCH|DELETE /api/users/{id}, POST|GET /api/groups,
 *         PATCH|DELETE /api/groups/{id}, PUT /api/groups/{id}/members; errors {"error":{"message"}}
 *   XML:  POST /xml/users, PUT|DELETE /xml/users/{id}, POST /xml/groups,
 *         PUT|DELETE /xml/groups/{id}, PUT /xml/groups/{id}/members; errors <error><message/></error>
 */
export class FakeDirectoryApp {
  readonly requests: AppRequest[] = [];
  readonly users = new Map<string, AppUser>();
  readonly groups = new Map<string, AppGroup>();
  baseUrl = '';
  private server!: Server;
  private seq = 1000;
  private readonly failures = new Map<string, Failure>();
  /** Milliseconds every answer waits (to widen race windows in concurrency tests). */
  delayMs = 0;
  /**
   * Milliseconds every answer waits AFTER the request was carried out (an app that did the work
   * but answered too late: a caller that gave up still finds the account made).
   */
  lateMs = 0;
  /** TCP connections accepted since start. */
  connections = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', () => (this.connections += 1));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests to `METHOD /path-pattern` (ids as `*`) answer this instead. */
  failNext(route: string, status: number, body: unknown, times = 1): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    this.failures.set(route, { status, body: text, contentType: text.startsWith('<') ? 'application/xml' : 'application/json', times });
  }

  /** Forgets the failures still queued by `failNext` (the app recovers). */
  recover(): void {
    this.failures.clear();
  }

  /** Requests received since `mark()` returned `from`. */
  since(from: number): AppRequest[] {
    return this.requests.slice(from);
  }

  mark(): number {
    return this.requests.length;
  }

  reset(): void {
    this.requests.length = 0;
    this.users.clear();
    this.groups.clear();
    this.failures.clear();
    this.delayMs = 0;
    this.lateMs = 0;
  }

  /**
   * Accounts the app held before any provisioning (users by email, userName and name; groups by
   * name), as an app being connected to an identity provider already does. Returns their ids.
   */
  hold(accounts: { users?: Array<Partial<Omit<AppUser, 'id'>> & { email: string }>; groups?: string[] }): { users: string[]; groups: string[] } {
    const users = (accounts.users ?? []).map((u) => {
      const user: AppUser = { id: this.nextId('u'), name: '', userName: '', active: true, ...u };
      this.users.set(user.id, user);
      return user.id;
    });
    const groups = (accounts.groups ?? []).map((name) => {
      const group: AppGroup = { id: this.nextId('g'), name, members: [] };
      this.groups.set(group.id, group);
      return group.id;
    });
    return { users, groups };
  }

  private nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.seq}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://app');
    const request: AppRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    this.requests.push(request);
    if (this.delayMs > 0) {
      await new Promise((r) => setTimeout(r, this.delayMs));
      // A caller that gave up (timeout) changes nothing, as if the request never arrived.
      if (req.socket.destroyed) return;
    }
    if (this.lateMs > 0) {
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      const ms = this.lateMs;
      res.end = ((...args: unknown[]) => {
        // Unref'd: a held answer must not keep the test process alive after the app stopped.
        setTimeout(() => {
          if (!res.destroyed) end(...args);
        }, ms).unref();
        return res;
      }) as typeof res.end;
    }
    const route = `${request.method} ${request.path.replace(/\/(u|g)\d+/g, '/*')}`;
    const failure = this.failures.get(route);
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) this.failures.delete(route);
      res.writeHead(failure.status, { 'content-type': failure.contentType }).end(failure.body);
      return;
    }
    try {
      if (request.path.startsWith('/api/')) this.json(request, res);
      else if (request.path.startsWith('/xml/')) this.xml(request, res);
      else send(res, 404, 'application/json', JSON.stringify({ error: { message: `no route ${route}` } }));
    } catch (err) {
      send(res, 400, 'application/json', JSON.stringify({ error: { message: `bad request: ${(err as Error).message}` } }));
    }
  }

  private json(req: AppRequest, res: ServerResponse): void {
    const body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    const reply = (status: number, payload?: unknown) => send(res, status, 'application/json', payload === undefined ? '' : JSON.stringify(payload));
    const notFound = () => reply(404, { error: { message: 'Not found' } });
    const [, , kind, id, sub] = req.path.split('/');
    if (kind === 'users') {
      if (req.method === 'POST' && !id) {
        const email = String(body.email ?? '');
        if ([...this.users.values()].some((u) => u.email === email)) return reply(409, { error: { message: `A user with email ${email} already exists` } });
        const user: AppUser = { id: this.nextId('u'), email, name: String(body.name ?? ''), userName: String(body.userName ?? ''), active: body.active !== false };
        this.users.set(user.id, user);
        return reply(201, { data: user });
      }
      if (req.method === 'GET' && !id) {
        // list_users: every user, or those with ?userName= (case-insensitive).
        const wanted = req.query.get('userName')?.toLowerCase();
        return reply(200, { items: [...this.users.values()].filter((u) => wanted === undefined || u.userName.toLowerCase() === wanted) });
      }
      const user = id ? this.users.get(id) : undefined;
      if (!user) return notFound();
      if (req.method === 'GET') return reply(200, { data: user });
      if (req.method === 'PATCH') {
        if (typeof body.email === 'string') user.email = body.email;
        if (typeof body.name === 'string') user.name = body.name;
        if (typeof body.active === 'boolean') user.active = body.active;
        return reply(200, { data: user });
      }
      if (req.method === 'DELETE') {
        this.users.delete(user.id);
        for (const g of this.groups.values()) g.members = g.members.filter((m) => m !== user.id);
        return reply(204);
      }
    }
    if (kind === 'groups') {
      if (req.method === 'POST' && !id) {
        const name = String(body.name ?? '');
        if ([...this.groups.values()].some((g) => g.name.toLowerCase() === name.toLowerCase())) return reply(409, { error: { message: `A group named ${name} already exists` } });
        const group: AppGroup = { id: this.nextId('g'), name, members: [] };
        this.groups.set(group.id, group);
        return reply(201, { id: group.id, name: group.name });
      }
      // list_groups: every group with its member count.
      if (req.method === 'GET' && !id) return reply(200, { groups: [...this.groups.values()].map((g) => ({ id: g.id, name: g.name, size: g.members.length })) });
      const group = id ? this.groups.get(id) : undefined;
      if (!group) return notFound();
      if (sub === 'members' && req.method === 'PUT') {
        const ids = body.userIds as unknown;
        if (!Array.isArray(ids)) return reply(400, { error: { message: 'userIds must be an array' } });
        const unknown = ids.find((u) => !this.users.has(String(u)));
        if (unknown !== undefined) return reply(422, { error: { message: `Unknown user ${String(unknown)}` } });
        group.members = ids.map(String);
        return reply(204);
      }
      if (req.method === 'PATCH') {
        group.name = String(body.name ?? group.name);
        return reply(200, { id: group.id, name: group.name });
      }
      if (req.method === 'DELETE') {
        this.groups.delete(group.id);
        return reply(204);
      }
    }
    reply(405, { error: { message: `${req.method} ${req.path} is not supported` } });
  }

  private xml(req: AppRequest, res: ServerResponse): void {
    const reply = (status: number, payload = '') => send(res, status, 'application/xml', payload);
    const tag = (name: string) => decode(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(req.body)?.[1] ?? '');
    const [, , kind, id, sub] = req.path.split('/');
    if (kind === 'users') {
      if (req.method === 'POST' && !id) {
        const user: AppUser = { id: this.nextId('u'), email: tag('email'), name: tag('name'), userName: tag('login'), active: tag('active') !== 'false' };
        this.users.set(user.id, user);
        return reply(201, `<?xml version="1.0"?><user><id>${user.id}</id><email>${encode(user.email)}</email><login>${encode(user.userName)}</login></user>`);
      }
      const user = id ? this.users.get(id) : undefined;
      if (!user) return reply(404, '<error><message>No such user</message></error>');
      if (req.method === 'PUT') {
        user.email = tag('email');
        user.name = tag('name');
        user.active = tag('active') !== 'false';
        return reply(200, `<user><id>${user.id}</id><active>${user.active}</active></user>`);
      }
      if (req.method === 'DELETE') {
        this.users.delete(user.id);
        return reply(204);
      }
    }
    if (kind === 'groups') {
      if (req.method === 'POST' && !id) {
        const group: AppGroup = { id: this.nextId('g'), name: tag('name'), members: [] };
        this.groups.set(group.id, group);
        return reply(201, `<group><id>${group.id}</id><name>${encode(group.name)}</name></group>`);
      }
      const group = id ? this.groups.get(id) : undefined;
      if (!group) return reply(404, '<error><message>No such group</message></error>');
      if (sub === 'members' && req.method === 'PUT') {
        const csv = tag('ids');
        group.members = csv === '' ? [] : csv.split(',');
        return reply(204);
      }
      if (req.method === 'PUT') {
        group.name = tag('name');
        return reply(200, `<group><id>${group.id}</id><name>${encode(group.name)}</name></group>`);
      }
      if (req.method === 'DELETE') {
        this.groups.delete(group.id);
        return reply(204);
      }
    }
    reply(405, '<error><message>Not supported</message></error>');
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, body ? { 'content-type': contentType } : {}).end(body);
}

function encode(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Every capability, for connectors that should do everything downstream. */
export const ALL_CAPABILITIES = {
  create_user: true,
  get_user: true,
  update_user: true,
  delete_user: true,
  list_users: false,
  create_group: true,
  get_group: false,
  update_group_members: true,
  update_group_name: true,
  delete_group: true,
  list_groups: false,
};

/** Mappings for the JSON dialect of FakeDirectoryApp. */
export function jsonMappings(base: string): Record<string, unknown> {
  const error_message_path = 'error.message';
  return {
    create_user: {
      http_method: 'POST',
      url_template: `${base}/api/users`,
      body_kind: 'json',
      body_template: '{"email":"{scim_user_email}","name":"{scim_user_display_name}","userName":"{scim_user_username}","active":{scim_user_active}}',
      success_status: [201],
      response_fields: { id: 'data.id', userName: 'data.userName', email: 'data.email', displayName: 'data.name', active: 'data.active' },
      error_message_path,
    },
    get_user: {
      http_method: 'GET',
      url_template: `${base}/api/users/{integration_user_id}`,
      success_status: [200],
      response_fields: { id: 'data.id', email: 'data.email', displayName: 'data.name', active: 'data.active' },
      error_message_path,
    },
    list_users: {
      http_method: 'GET',
      url_template: `${base}/api/users`,
      query_params: { userName: '{scim_user_username}' },
      success_status: [200],
      response_fields: { items: 'items', id: 'id', userName: 'userName', email: 'email' },
      error_message_path,
    },
    update_user: {
      http_method: 'PATCH',
      url_template: `${base}/api/users/{integration_user_id}`,
      body_kind: 'json',
      body_template: '{"email":"{scim_user_email}","name":"{scim_user_display_name}","active":{scim_user_active}}',
      success_status: [200, 204],
      response_fields: { id: 'data.id' },
      error_message_path,
    },
    delete_user: {
      http_method: 'DELETE',
      url_template: `${base}/api/users/{integration_user_id}`,
      success_status: [204, 404],
      error_message_path,
    },
    create_group: {
      http_method: 'POST',
      url_template: `${base}/api/groups`,
      body_kind: 'json',
      body_template: '{"name":"{group_name}","description":"{group_description}"}',
      success_status: [201],
      response_fields: { id: 'id', name: 'name' },
      error_message_path,
    },
    update_group_members: {
      http_method: 'PUT',
      url_template: `${base}/api/groups/{group_id}/members`,
      body_kind: 'json',
      body_template: '{"userIds":{member_ids_json}}',
      success_status: [204],
      error_message_path,
    },
    update_group_name: {
      http_method: 'PATCH',
      url_template: `${base}/api/groups/{group_id}`,
      body_kind: 'json',
      body_template: '{"name":"{group_name}"}',
      success_status: [200],
      response_fields: { id: 'id', name: 'name' },
      error_message_path,
    },
    delete_group: {
      http_method: 'DELETE',
      url_template: `${base}/api/groups/{group_id}`,
      success_status: [204, 404],
      error_message_path,
    },
  };
}

/**
 * list_users and list_groups over the JSON dialect's whole directory (no filter), as an
 * "Import accounts" review reads them: one answer each.
 */
export function jsonListMappings(base: string): Record<string, unknown> {
  const error_message_path = 'error.message';
  return {
    list_users: {
      http_method: 'GET',
      url_template: `${base}/api/users`,
      success_status: [200],
      response_fields: { items: 'items', id: 'id', userName: 'userName', email: 'email', displayName: 'name', active: 'active' },
      error_message_path,
    },
    list_groups: {
      http_method: 'GET',
      url_template: `${base}/api/groups`,
      success_status: [200],
      response_fields: { items: 'groups', id: 'id', name: 'name', member_count: 'size' },
      error_message_path,
    },
  };
}

/** Mappings for the XML dialect of FakeDirectoryApp (no get_user). */
export function xmlMappings(base: string): Record<string, unknown> {
  const error_message_path = 'error/message';
  return {
    create_user: {
      http_method: 'POST',
      url_template: `${base}/xml/users`,
      body_kind: 'xml',
      content_type: 'text/xml',
      body_template: '<user><email>{scim_user_email}</email><name>{scim_user_display_name}</name><login>{scim_user_username}</login><active>{scim_user_active}</active></user>',
      success_status: [201],
      response_fields: { id: 'user/id', email: 'user/email', userName: 'user/login' },
      error_message_path,
    },
    update_user: {
      http_method: 'PUT',
      url_template: `${base}/xml/users/{integration_user_id}`,
      body_kind: 'xml',
      body_template: '<user><email>{scim_user_email}</email><name>{scim_user_display_name}</name><active>{scim_user_active}</active></user>',
      success_status: [200],
      response_fields: { id: 'user/id', active: 'user/active' },
      error_message_path,
    },
    delete_user: { http_method: 'DELETE', url_template: `${base}/xml/users/{integration_user_id}`, success_status: [204], error_message_path },
    create_group: {
      http_method: 'POST',
      url_template: `${base}/xml/groups`,
      body_kind: 'xml',
      body_template: '<group><name>{group_name}</name><description>{group_description}</description></group>',
      success_status: [201],
      response_fields: { id: 'group/id', name: 'group/name' },
      error_message_path,
    },
    update_group_members: {
      http_method: 'PUT',
      url_template: `${base}/xml/groups/{group_id}/members`,
      body_kind: 'xml',
      body_template: '<members><ids>{member_ids_csv}</ids></members>',
      success_status: [204],
      error_message_path,
    },
    update_group_name: {
      http_method: 'PUT',
      url_template: `${base}/xml/groups/{group_id}`,
      body_kind: 'xml',
      body_template: '<group><name>{group_name}</name></group>',
      success_status: [200],
      response_fields: { id: 'group/id', name: 'group/name' },
      error_message_path,
    },
    delete_group: { http_method: 'DELETE', url_template: `${base}/xml/groups/{group_id}`, success_status: [204], error_message_path },
  };
}
