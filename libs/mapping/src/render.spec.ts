import { describe, expect, it } from '@jest/globals';
import {
  TemplateRenderError,
  defaultSampleContext,
  formEncode,
  mergeSampleContext,
  parseXml,
  placeholderValues,
  renderRequest,
  renderRequestWithValues,
  type MappingContext,
  type OperationMapping,
} from './index.js';

// Every character that could break out of a JSON string, an XML text node or a URL segment,
// plus placeholder-looking text that must not be expanded a second time.
const HOSTILE = 'Jane "JD" <b>&amp; \'O\'Brien\' \\ back\nline\r\ttab / ? # % + {scim_user_email} }{';

function contextWith(displayName: string): MappingContext {
  return mergeSampleContext('create_user', { scim_user: { displayName }, group_name: displayName, group_id: displayName, integration_user_id: displayName });
}

function mapping(change: Partial<OperationMapping>): OperationMapping {
  return { http_method: 'POST', url_template: 'https://api.example.com/v1/users', body_kind: 'json', ...change };
}

function render(change: Partial<OperationMapping>, context: MappingContext = defaultSampleContext('create_user')) {
  return renderRequest(mapping(change), context, { operation: 'create_user' });
}

function renderError(change: Partial<OperationMapping>, context?: MappingContext): TemplateRenderError {
  try {
    render(change, context);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateRenderError);
    return error as TemplateRenderError;
  }
  throw new Error('expected a TemplateRenderError');
}

describe('JSON bodies', () => {
  it.each([
    ['inside a string', '{"name":"{scim_user_display_name}"}', (v: Record<string, unknown>) => v.name],
    ['inside a string with surrounding text', '{"name":"<{scim_user_display_name}>"}', (v: Record<string, unknown>) => (v.name as string).slice(1, -1)],
    ['outside a string (quoted for you)', '{"name":{scim_user_display_name}}', (v: Record<string, unknown>) => v.name],
    ['as an object key', '{"{scim_user_display_name}":1}', (v: Record<string, unknown>) => Object.keys(v)[0]],
    ['in an array', '{"a":[{scim_user_display_name},"{group_name}"]}', (v: Record<string, unknown>) => (v.a as string[])[0]],
  ])('a hostile value %s round-trips and keeps the structure', (_name, template, pick) => {
    const { body } = render({ body_template: template }, contextWith(HOSTILE));
    const parsed = JSON.parse(body!);
    expect(pick(parsed)).toBe(HOSTILE);
    expect(Object.keys(parsed)).toHaveLength(1);
  });

  it('does not expand placeholder text inside a value', () => {
    const { body } = render({ body_template: '{"n":"{scim_user_display_name}","e":"{scim_user_email}"}' }, contextWith('{scim_user_email}'));
    expect(JSON.parse(body!)).toEqual({ n: '{scim_user_email}', e: 'jane.doe@example.com' });
  });

  it.each([
    ['active outside a string is a bare boolean', '{"a":{scim_user_active}}', { a: true }],
    ['active inside a string is text', '{"a":"{scim_user_active}"}', { a: 'true' }],
    ['member_ids_json outside a string is an array', '{"ids":{member_ids_json}}', { ids: ['10001', '10002'] }],
    ['member_ids_json inside a string is escaped text', '{"ids":"{member_ids_json}"}', { ids: '["10001","10002"]' }],
    ['member_ids_csv', '{"ids":"{member_ids_csv}"}', { ids: '10001,10002' }],
    ['ids outside a string become strings', '{"id":{integration_user_id}}', { id: '10001' }],
    ['escaped quotes in the template do not confuse the scanner', '{"a\\"{group_id}":"x\\\\","b":{group_id}}', { 'a"20001': 'x\\', b: '20001' }],
  ])('%s', (_name, template, expected) => {
    expect(JSON.parse(render({ body_template: template }).body!)).toEqual(expected);
  });

  it('scim_user_json and scim_patch_json are inserted as JSON outside strings', () => {
    const context = defaultSampleContext('update_user');
    const { body } = renderRequest(mapping({ body_template: '{"user":{scim_user_json},"patch":{scim_patch_json}}' }), context, { operation: 'update_user' });
    expect(JSON.parse(body!)).toEqual({ user: context.scim_user, patch: context.scim_patch });
  });

  it('scim_user_json inside a string keeps the hostile display name intact', () => {
    const { body } = render({ body_template: '{"raw":"{scim_user_json}"}' }, contextWith(HOSTILE));
    expect(JSON.parse(JSON.parse(body!).raw).displayName).toBe(HOSTILE);
  });

  it('refuses a placeholder right after a backslash in a string', () => {
    const error = renderError({ body_template: '{"a":"\\{group_id}"}' });
    expect(error.path).toBe('mappings.create_user.body_template');
    expect(error.message).toMatch(/backslash/);
  });

  it('refuses a template that is not JSON', () => {
    expect(renderError({ body_template: '{"a":' }).message).toMatch(/not valid JSON/);
  });

  it('refuses unknown placeholders at render time too', () => {
    const error = renderError({ body_template: '{"a":"{nope}"}' });
    expect(error.message).toMatch(/^at character 7: \{nope\} is an unknown placeholder/);
  });

  it('defaults the content type and lets content_type override it', () => {
    expect(render({ body_template: '{ }' }).contentType).toBe('application/json');
    expect(render({ body_template: '{ }', content_type: 'application/vnd.x+json' }).contentType).toBe('application/vnd.x+json');
    expect(render({ body_kind: 'none' })).toMatchObject({ body: undefined, contentType: undefined });
    expect(render({ body_kind: undefined, body_template: '{"ignored":1}' }).body).toBeUndefined();
  });
});

describe('XML bodies', () => {
  it('a hostile value in element text and attributes stays data', () => {
    const { body, contentType } = render(
      { body_kind: 'xml', body_template: '<user id="{integration_user_id}" alt=\'{group_name}\'><name>{scim_user_display_name}</name></user>' },
      contextWith(HOSTILE),
    );
    expect(contentType).toBe('application/xml');
    const root = parseXml(body!);
    expect(root.name).toBe('user');
    expect(root.children.map((c) => c.name)).toEqual(['name']);
    expect(root.children[0].children).toEqual([]);
    // Element text: the parser normalises nothing except what we escaped (\r is sent as &#13;).
    expect(root.children[0].text).toBe(HOSTILE);
    expect(root.attributes).toEqual({ id: HOSTILE, alt: HOSTILE });
  });

  it('splits "]]>" inside CDATA', () => {
    const { body } = render({ body_kind: 'xml', body_template: '<n><![CDATA[{scim_user_display_name}]]></n>' }, contextWith('a]]><x/>b'));
    expect(parseXml(body!).text).toBe('a]]><x/>b');
  });

  it.each([
    ['a tag name', '<{group_name}/>'],
    ['an unquoted attribute position', '<g {group_name}="x"/>'],
    ['a comment', '<g><!-- {group_name} --></g>'],
    ['a processing instruction', '<?pi {group_name}?><g/>'],
  ])('refuses a placeholder in %s', (_name, template) => {
    expect(renderError({ body_kind: 'xml', body_template: template }).message).toMatch(/inside XML markup/);
  });

  it('refuses characters XML cannot carry', () => {
    expect(renderError({ body_kind: 'xml', body_template: '<g>{group_name}</g>' }, contextWith('a\u0001b')).message).toMatch(/control characters/);
  });

  it('refuses a rendered body that is not well-formed', () => {
    expect(renderError({ body_kind: 'xml', body_template: '<a><b></a>' }).message).toMatch(/not well-formed XML/);
  });
});

describe('URLs', () => {
  it('percent-encodes a hostile value into exactly one path segment', () => {
    const { url } = render({ body_kind: 'none', url_template: 'https://api.example.com/v1/users/{integration_user_id}/roles' }, contextWith(HOSTILE));
    const parsed = new URL(url);
    expect(parsed.host).toBe('api.example.com');
    expect(parsed.search).toBe('');
    expect(parsed.hash).toBe('');
    const segments = parsed.pathname.split('/');
    expect(segments).toHaveLength(5);
    expect(decodeURIComponent(segments[3])).toBe(HOSTILE);
    expect(segments[4]).toBe('roles');
  });

  it('form-encodes query_params and appends them, keeping the template query and fragment', () => {
    const { url } = render(
      { body_kind: 'none', url_template: 'https://api.example.com/v1/users?fixed=1#top', query_params: { q: '{scim_user_display_name}', 'page size': '200' } },
      contextWith(HOSTILE),
    );
    const parsed = new URL(url);
    expect(parsed.hash).toBe('#top');
    expect([...parsed.searchParams.entries()]).toEqual([['fixed', '1'], ['q', HOSTILE], ['page size', '200']]);
  });

  it.each([
    ['https://a.example.com/x', 'https://a.example.com/x?k=v'],
    ['https://a.example.com/x?', 'https://a.example.com/x?k=v'],
    ['https://a.example.com/x?a=1&', 'https://a.example.com/x?a=1&k=v'],
    ['https://a.example.com/x?a=1', 'https://a.example.com/x?a=1&k=v'],
    ['https://a.example.com', 'https://a.example.com?k=v'],
  ])('appends query_params to %s', (template, expected) => {
    expect(render({ body_kind: 'none', url_template: template, query_params: { k: 'v' } }).url).toBe(expected);
  });

  it('encodes placeholders inside the template query with encodeURIComponent', () => {
    const { url } = render({ body_kind: 'none', url_template: 'https://a.example.com/u?email={scim_user_email}&x=1' }, contextWith('x'));
    expect(url).toBe('https://a.example.com/u?email=jane.doe%40example.com&x=1');
    const hostile = render({ body_kind: 'none', url_template: 'https://a.example.com/u?name={scim_user_display_name}&x=1' }, contextWith('a&x=2#f'));
    expect(new URL(hostile.url).searchParams.getAll('x')).toEqual(['1']);
  });

  it('formEncode matches URLSearchParams', () => {
    const text = `${HOSTILE} !'()*~-._ é 😀`;
    expect(formEncode(text)).toBe(new URLSearchParams({ a: text }).toString().slice(2));
  });

  it.each([
    ['.', /"\."/],
    ['..', /"\.\."/],
    ['', /is empty/],
  ])('refuses a path value %j that would change the addressed resource', (value, message) => {
    const error = renderError({ body_kind: 'none', url_template: 'https://a.example.com/groups/{group_id}/members' }, { ...defaultSampleContext('create_user'), group_id: value });
    expect(error.path).toBe('mappings.create_user.url_template');
    expect(error.message).toMatch(message);
  });

  it('allows dots and empty values where they do not form a whole segment', () => {
    const ctx = { ...defaultSampleContext('create_user'), group_id: '..', group_name: '' };
    expect(render({ body_kind: 'none', url_template: 'https://a.example.com/g/v{group_id}/x{group_name}?n={group_name}' }, ctx).url).toBe('https://a.example.com/g/v../x?n=');
  });

  it('refuses placeholders in the scheme or host', () => {
    expect(renderError({ url_template: '{group_name}://a.example.com/' }).message).toMatch(/scheme or host/);
    expect(renderError({ url_template: 'https://a.example.com.{group_name}/x' }).message).toMatch(/scheme or host/);
  });
});

describe('headers', () => {
  it('renders header templates', () => {
    expect(render({ body_kind: 'none', headers: { 'X-User': 'u-{integration_user_id}', Accept: 'application/json' } }).headers).toEqual({
      'X-User': 'u-10001',
      Accept: 'application/json',
    });
  });

  it.each(['a\r\nX-Injected: 1', 'a\nb', 'a\rb'])('refuses a value with CR/LF (%j)', (value) => {
    const error = renderError({ body_kind: 'none', headers: { 'X-Name': '{scim_user_display_name}' } }, contextWith(value));
    expect(error.path).toBe('mappings.create_user.headers.X-Name');
    expect(error.message).toMatch(/line breaks/);
  });

  it('refuses a content_type with a line break', () => {
    expect(renderError({ body_template: '{}', content_type: 'a\r\nb: c' }).path).toBe('mappings.create_user.content_type');
  });
});

describe('request shape', () => {
  it('refuses an unknown method', () => {
    expect(renderError({ http_method: 'TRACE' as never }).path).toBe('mappings.create_user.http_method');
  });

  it('renders from a sparse real-world context', () => {
    const req = renderRequest(
      mapping({ url_template: 'https://a.example.com/users', body_template: '{"u":"{scim_user_username}","a":{scim_user_active},"m":{member_ids_json}}' }),
      { scim_user: { userName: 'ada' } },
      { operation: 'create_user' },
    );
    expect(JSON.parse(req.body!)).toEqual({ u: 'ada', a: true, m: [] });
  });
});

describe('renderRequestWithValues', () => {
  it('refuses a *_json value that is not JSON', () => {
    const values = { ...placeholderValues(defaultSampleContext('create_user')), member_ids_json: '1]}, "admin": true, "x": [1' };
    expect(() =>
      renderRequestWithValues(mapping({ body_template: '{"ids":{member_ids_json}}' }), values, { operation: 'create_user' }),
    ).toThrow(/must hold valid JSON/);
  });
});
